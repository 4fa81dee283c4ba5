package dev.ember.shuffle.api;

import java.io.OutputStream;

/**
 * Where a {@link BlockShuffleWriter} writes one map task's output: a stream per reduce partition. Partitions may be
 * written in any order and any number of times; the bytes written to one partition keep their order, and a reduce
 * task reads exactly them back, as one stream for this map task. The engine compresses them (with
 * {@code ember.shuffle.compress}) and counts them.
 *
 * <p>Used on the map task's thread only, and only until {@link BlockShuffleWriter#write} returns. Closing a stream
 * does nothing; the engine closes them all when the writer returns.
 */
public interface ShufflePartitions {
    /** How many reduce partitions there are: {@link #partition} takes 0 to this, exclusive. */
    int numPartitions();

    /** The stream of reduce partition {@code reducePartition}; the same stream each time it is asked for. */
    OutputStream partition(int reducePartition);
}
