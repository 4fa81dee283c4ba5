/**
 * Small helpers shared by every module. In ember-common: threads, sizes and durations, files, closing. In
 * ember-core: call sites, the closure serializability check, size estimation, random numbers for sampling,
 * clocks. Nothing here depends on scheduling, storage or shuffle. The ember-common classes import nothing of Ember
 * but its error types (and SLF4J; {@code LogLevel} sets {@code java.util.logging} levels); the ember-core ones use
 * only the error types, the serialization debugger and {@code TaskContext} (to stop a killed task's iterators),
 * never the RDDs, the executor, memory or the network.
 */
package dev.ember.util;
