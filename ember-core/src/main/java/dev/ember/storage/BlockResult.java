package dev.ember.storage;

import java.util.Iterator;

/**
 * Values of a block read by a task, with where they came from and how many bytes that was (for input metrics).
 *
 * @param values the block's values; reading to the end releases the block's read lock
 */
public record BlockResult(Iterator<Object> values, ReadMethod readMethod, long bytes) {
    /** Where a block was read from. */
    public enum ReadMethod {
        MEMORY,
        DISK,
        NETWORK
    }
}
