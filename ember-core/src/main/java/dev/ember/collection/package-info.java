/**
 * Collections that track their own memory footprint and spill to disk: the in-memory buffers of the sort
 * shuffle, aggregation by key, and external sorting. Each is owned by one task thread (asserted where cheap); they
 * account memory through a {@link dev.ember.memory.MemoryConsumer}. Never depends on the scheduler.
 */
package dev.ember.collection;
