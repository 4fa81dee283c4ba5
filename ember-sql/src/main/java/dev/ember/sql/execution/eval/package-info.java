/**
 * Expressions evaluated on column batches: {@link dev.ember.sql.execution.eval.Evaluators} compiles a bound expression
 * into loops over vectors, with the reference semantics of {@code Expression.eval} as the fallback for expressions
 * without a loop of their own. It never touches the scheduler or RDDs: evaluators see batches only.
 */
package dev.ember.sql.execution.eval;
