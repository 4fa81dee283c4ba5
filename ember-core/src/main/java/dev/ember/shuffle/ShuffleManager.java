package dev.ember.shuffle;

import dev.ember.TaskContext;
import dev.ember.collection.SpillContext;
import dev.ember.shuffle.api.ShuffleBlock;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.storage.ShuffleBlockSource;
import java.io.IOException;
import java.util.Iterator;

/**
 * Creates the writers and readers of shuffles on one executor (or the driver in local mode), and deletes a
 * shuffle's files when it is no longer needed. Registered shuffles are chosen a writer once, on the driver.
 */
public interface ShuffleManager extends ShuffleBlockSource {
    /** Decides how a shuffle of records will be written; called on the driver when its dependency is created. */
    <K, V, C> RecordShuffleHandle<K, V, C> registerShuffle(RecordShuffle<K, V, C> shuffle);

    /** Registers a shuffle of blocks; called on the driver when its dependency is created. */
    <T> BlockShuffleHandle<T> registerShuffle(BlockShuffle<T> shuffle);

    /** The writer for map task attempt {@code mapId} (its unique task attempt id). */
    <K, V, C> ShuffleWriter<K, V> getWriter(
            RecordShuffleHandle<K, V, C> handle, long mapId, TaskContext context, SpillContext spill);

    /** The reader of reduce partitions {@code [startPartition, endPartition)} of the given map outputs. */
    <K, V, C> ShuffleReader<K, C> getReader(
            RecordShuffleHandle<K, V, C> handle,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill);

    /**
     * The writer of map task attempt {@code mapId}'s output of shuffle {@code shuffleId}, cut into
     * {@code numPartitions} reduce partitions: where every map-side writer, of records or of blocks, puts its bytes.
     * Called on the map task's thread; the caller follows the writer's protocol (partitions in increasing order, then
     * commit or abort).
     */
    ShuffleMapOutputWriter createMapOutputWriter(int shuffleId, long mapId, int numPartitions);

    /**
     * Writes map task attempt {@code mapId}'s output of a block shuffle: hands {@code records} to the shuffle's
     * writer and commits what it wrote. Called on the map task's thread; on failure nothing of it stays visible.
     */
    <T> MapStatus writeBlocks(
            BlockShuffleHandle<T> handle, long mapId, Iterator<T> records, TaskContext context, SpillContext spill)
            throws IOException;

    /**
     * The blocks of reduce partitions {@code [startPartition, endPartition)} written by map outputs {@code
     * [startMapIndex, endMapIndex)} of a block shuffle, one per map output that wrote to them, fetched as for records
     * (see {@link dev.ember.shuffle.api.ShuffleBlock} for failures).
     */
    Iterator<ShuffleBlock> readBlocks(
            BlockShuffleHandle<?> handle,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill);

    /** Deletes the shuffle's files on this executor. */
    boolean unregisterShuffle(int shuffleId);

    void stop();
}
