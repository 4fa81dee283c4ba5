package dev.ember.shuffle.api;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;

/**
 * The map side of a block shuffle: turns one partition of the parent RDD into bytes of its own making, written to
 * the reduce partitions they belong to. It travels to the map tasks inside their binary, so it must be serializable,
 * and runs once per map task attempt on the task's thread. An exception fails the attempt; nothing it wrote becomes
 * visible.
 *
 * @param <T> the parent RDD's element type
 */
@FunctionalInterface
public interface BlockShuffleWriter<T> extends Serializable {
    void write(Iterator<T> records, ShufflePartitions partitions) throws IOException;
}
