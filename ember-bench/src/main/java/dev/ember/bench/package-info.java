/**
 * The benchmark controller: runs each workload on Ember and on Apache Spark, each in its own process, alternating
 * timed passes, and prints medians, ratios and memory. Built only with {@code -Pbench}; nothing depends on it.
 *
 * <p>Depends on the workload package and on ember-common's {@code dev.ember.util} (thread helpers); never on either
 * engine's API or on the runner packages, which it starts by class name in their own processes.
 */
package dev.ember.bench;
