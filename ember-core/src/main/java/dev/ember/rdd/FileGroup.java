package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.files.FileInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition of whole files, for the inputs that read each file in one piece ({@code wholeTextFiles},
 * {@code binaryFiles}): the files of {@code paths}, grouped by size into at most {@code minPartitions} groups.
 */
record FileGroup(int index, String[] files) implements Partition {
    /** Checks an input's arguments where the user gave them, so that a bad one fails there, not in a task. */
    static void check(String paths, int minPartitions) {
        requireNonNull(paths, "path is null");
        if (minPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "minPartitions must be positive, not " + minPartitions);
        }
        FileInput.splitPaths(paths).forEach(FileInput::localPath);
    }

    /** The groups of the files of {@code paths}, listed now. */
    static List<Partition> of(String paths, int minPartitions) {
        List<Partition> partitions = new ArrayList<>();
        for (List<String> group : FileInput.groupBySize(FileInput.listFiles(paths), minPartitions)) {
            partitions.add(new FileGroup(partitions.size(), group.toArray(new String[0])));
        }
        return partitions;
    }
}
