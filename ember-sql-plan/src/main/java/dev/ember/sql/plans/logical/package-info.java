/**
 * Logical plans: immutable trees of records saying what a query computes (relations, projections, filters, joins,
 * aggregations, sorts, set operations), before and after analysis and optimization. Depends on {@code expressions}
 * and {@code catalog}'s interfaces, nothing of the engine.
 */
package dev.ember.sql.plans.logical;
