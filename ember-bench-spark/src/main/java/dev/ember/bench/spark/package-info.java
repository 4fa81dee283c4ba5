/**
 * Apache Spark's benchmark runner: the same workloads written with Spark's API, the reference Ember is measured
 * against. Spark appears nowhere else in the build.
 */
package dev.ember.bench.spark;
