/**
 * The physical operators, one per file, each turning its children's RDDs of column batches into its own: projection,
 * filter, aggregation, joins, sort, limits, exchanges, set operations. Operators never insert exchanges themselves
 * (the planner does) and do not depend on the user API.
 */
package dev.ember.sql.execution.operators;
