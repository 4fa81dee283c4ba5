/**
 * Apache Spark's benchmark runner: the same workloads written with Spark's API, the reference Ember is measured
 * against. Spark appears nowhere else in the build.
 *
 * <p>Depends on the shared workload package and on Spark only; never on Ember's API or engine, on the controller or on
 * Ember's runner. The module takes ember-bench without its dependencies, so none of Ember's other jars reach Spark's
 * class path.
 */
package dev.ember.bench.spark;
