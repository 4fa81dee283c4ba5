package dev.ember.shuffle;

import dev.ember.ShuffleDependency;
import dev.ember.TaskContext;
import dev.ember.collection.SpillContext;
import dev.ember.storage.ShuffleBlockSource;

/**
 * Creates the writers and readers of shuffles on one executor (or the driver in local mode), and deletes a
 * shuffle's files when it is no longer needed. Registered shuffles are chosen a writer once, on the driver.
 */
public interface ShuffleManager extends ShuffleBlockSource {
    /** Decides how the shuffle will be written; called on the driver when the dependency is created. */
    ShuffleHandle registerShuffle(int shuffleId, ShuffleDependency<?, ?, ?> dependency);

    /** The writer for map task attempt {@code mapId} (its unique task attempt id). */
    <K, V, C> ShuffleWriter<K, V> getWriter(
            ShuffleDependency<K, V, C> dependency, long mapId, TaskContext context, SpillContext spill);

    /** The reader of reduce partitions {@code [startPartition, endPartition)} of the given map outputs. */
    <K, V, C> ShuffleReader<K, C> getReader(
            ShuffleDependency<K, V, C> dependency,
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
