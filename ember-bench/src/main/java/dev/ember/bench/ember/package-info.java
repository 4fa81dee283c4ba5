/**
 * Ember's benchmark runner: the workloads written with Ember's API, run in a process the controller starts.
 *
 * <p>Depends on the workload package and on Ember's user API ({@code dev.ember}, {@code dev.ember.function}
 * and the SQL API {@code dev.ember.sql}); never
 * on the engine's internal packages, on Spark or on the controller.
 */
package dev.ember.bench.ember;
