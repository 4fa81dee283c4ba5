package dev.ember.sql.sources;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A data file found by {@link FileIndex}.
 *
 * @param path the file, as an absolute path string
 * @param length its length in bytes
 * @param partitionValues the values of its partition columns ({@code k=v} directories), in the order of the index's
 *     partition schema, as internal values (null for {@code __HIVE_DEFAULT_PARTITION__})
 */
public record PartitionedFile(String path, long length, List<Object> partitionValues) implements Serializable {
    public PartitionedFile {
        requireNonNull(path, "path is null");
        partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    }
}
