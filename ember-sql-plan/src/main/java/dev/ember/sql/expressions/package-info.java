/**
 * Expression trees: column references, literals, operators, casts and function calls, with their types, nullability
 * and reference semantics on one row ({@link dev.ember.sql.expressions.Expression#eval}). Depends on {@code types}
 * only, nothing of the engine.
 */
package dev.ember.sql.expressions;
