/**
 * Small helpers shared by every module. In ember-common: threads, sizes and durations, files, closing. In
 * ember-core: call sites, the closure serializability check, size estimation, random numbers for sampling,
 * clocks. Nothing here depends on scheduling, storage or shuffle.
 */
package dev.ember.util;
