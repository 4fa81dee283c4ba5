package dev.ember.sql.sources;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * A byte range of one file, read by one task. A reader of a line-based format owns the records that <em>start</em>
 * in {@code [start, start + length)}: it skips a partial first line unless {@code start} is 0, and reads past the end
 * to finish the last record it started.
 *
 * @param path the file, as an absolute path string
 * @param start the first byte
 * @param length the bytes of the range
 * @param fileLength the whole file's length
 * @param partitionValues the values of the file's partition columns ({@code k=v} directories), in the order of the
 *     relation's partition schema, as internal values
 */
public record FileSplit(String path, long start, long length, long fileLength, List<Object> partitionValues)
        implements Serializable {
    public FileSplit {
        requireNonNull(path, "path is null");
        partitionValues = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partitionValues));
    }
}
