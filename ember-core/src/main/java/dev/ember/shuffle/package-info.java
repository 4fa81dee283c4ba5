/**
 * The sort-based shuffle. A map task partitions its records by the dependency's partitioner, sorts them by
 * partition (combining by key first when the dependency asks for map-side aggregation), spills under memory
 * pressure, and writes one data file plus one index file of partition offsets. The driver's
 * {@link dev.ember.shuffle.MapOutputTrackerMaster} records where each map output is; a reduce task fetches its
 * partition of every map output, then aggregates and sorts with spilling.
 *
 * <p>Depends on storage, memory and collections; never on the scheduler.
 */
package dev.ember.shuffle;
