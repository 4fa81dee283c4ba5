/**
 * The benchmark controller: runs each workload on Ember and on Apache Spark, each in its own process, alternating
 * timed passes, and prints medians, ratios and memory. Built only with {@code -Pbench}; nothing depends on it.
 */
package dev.ember.bench;
