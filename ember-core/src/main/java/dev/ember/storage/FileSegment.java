package dev.ember.storage;

import java.io.File;

/** A byte range of a file. */
public record FileSegment(File file, long offset, long length) {
    public FileSegment {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be non-negative: " + offset + ", " + length);
        }
    }
}
