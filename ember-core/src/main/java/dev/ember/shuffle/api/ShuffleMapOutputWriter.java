package dev.ember.shuffle.api;

import java.io.IOException;

/**
 * Writes the output of one map task: one partition writer per reduce partition, then a commit.
 *
 * <p>Protocol: called from the map task's thread only. {@link #getPartitionWriter} is called with strictly
 * increasing reduce partition ids (partitions with no data may be skipped); each partition's stream is closed
 * before the next partition writer is requested. Every writer ends in exactly one of {@link #commitAllPartitions}
 * (success: the output becomes visible to readers atomically) or {@link #abort} (failure: nothing becomes
 * visible and temporary files are removed). After either, the writer must not be used.
 */
public interface ShuffleMapOutputWriter {
    /** The writer for reduce partition {@code reducePartitionId}. */
    ShufflePartitionWriter getPartitionWriter(int reducePartitionId) throws IOException;

    /**
     * Makes the output visible.
     *
     * @return the bytes written per reduce partition, one entry for every partition (0 for skipped ones)
     */
    MapOutputCommitMessage commitAllPartitions() throws IOException;

    /** Discards everything written. Never throws; failures to clean up are logged. */
    void abort(Throwable error);
}
