/**
 * The sort-based shuffle. The shuffle layer sees a shuffle as a {@link dev.ember.shuffle.ShuffleHandle}: a
 * {@link dev.ember.shuffle.RecordShuffleHandle} (key-value records: a map task partitions them by the partitioner,
 * sorts them by partition, combining by key first when map-side aggregation is asked for, spills under memory
 * pressure) or a {@link dev.ember.shuffle.BlockShuffleHandle} (bytes written partition by partition by the shuffle's
 * own writer). Either way a map task writes one data file plus one index file of partition offsets, through the
 * block-level {@link dev.ember.shuffle.api.ShuffleMapOutputWriter}. The driver's
 * {@link dev.ember.shuffle.MapOutputTrackerMaster} records where each map output is; a reduce task fetches its
 * partition of every map output, then aggregates and sorts records with spilling, or hands the blocks on as streams.
 *
 * <p>Depends on storage, memory and collections and on the API's value types ({@code Pair}, {@code Partitioner},
 * {@code Aggregator}, {@code TaskContext}); never on {@code rdd}, the scheduler, the executor, {@code RDD} or
 * {@code EmberContext}: the dependencies that describe shuffles in the RDD graph hand it their handles.
 * {@code ArchitectureTest} fails the build otherwise.
 */
package dev.ember.shuffle;
