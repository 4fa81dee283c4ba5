/**
 * The physical plan's contract ({@link dev.ember.sql.execution.PhysicalPlan}: execute into an RDD of column batches,
 * declare required distributions), partitionings and distributions, and the helpers operators share. Depends on the
 * core engine's RDD API and the planning half; nothing here may depend on the user API of {@code dev.ember.sql}.
 */
package dev.ember.sql.execution;
