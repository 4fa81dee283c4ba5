package dev.ember.shuffle.api;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The reduce side of a block shuffle: turns the blocks of one reduce partition, one per map task that wrote to it
 * (in no particular order; empty blocks are skipped), into the partition's elements. It travels to the reduce tasks
 * inside their binary, so it must be serializable. It is called once per reduce task, on the task's thread, and may
 * read lazily: a block's stream is valid until the next block is asked for.
 *
 * @param <U> the element type of the resulting RDD
 */
@FunctionalInterface
public interface BlockShuffleReader<U> extends Serializable {
    Iterator<U> read(Iterator<ShuffleBlock> blocks);
}
