/**
 * Aggregate functions, each with its two-phase reference implementation (buffer, update, merge, result), and the
 * aggregate expression that a query's {@code DISTINCT} and {@code FILTER} wrap around one. Depends on nothing but
 * types and expressions: the executing engine calls these, never the other way round.
 */
package dev.ember.sql.expressions.aggregate;
