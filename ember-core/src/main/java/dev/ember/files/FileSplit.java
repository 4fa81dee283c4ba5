package dev.ember.files;

import dev.ember.Partition;

/**
 * A byte range of a file read by one task. Lines that start inside the range belong to it, including one that
 * starts exactly at its end; a line begun before the range is skipped (the previous split reads it).
 *
 * @param path absolute path
 * @param compressed gzip: read whole, never split
 */
public record FileSplit(int index, String path, long start, long length, boolean compressed) implements Partition {
    public long end() {
        return start + length;
    }
}
