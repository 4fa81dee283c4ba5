package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.files.FileInput;
import dev.ember.util.InterruptibleIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An input that reads each file in one piece ({@code wholeTextFiles}, {@code binaryFiles}): one record per file,
 * (the file's {@code file:} URI, what {@link #read} makes of it), the files of {@code paths} grouped by size into at
 * most {@code minPartitions} partitions. The files are listed when the partitions are first asked for.
 */
abstract class WholeFilesRDD<T> extends RDD<Pair<String, T>> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int minPartitions;

    /** A partition: the files it reads. */
    private record FileGroup(int index, String[] files) implements Partition {}

    WholeFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, List.of());
        requireNonNull(paths, "path is null");
        // A malformed path or partition count fails here, where the user gave it, rather than in a task.
        if (minPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "minPartitions must be positive, not " + minPartitions);
        }
        FileInput.splitPaths(paths).forEach(FileInput::localPath);
        this.paths = paths;
        this.minPartitions = minPartitions;
        setName(paths);
    }

    /** The value of the record of {@code file}, read in the task; counts the bytes it reads, if any. */
    protected abstract T read(Path file, TaskContext context);

    @Override
    protected final List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        for (List<String> group : FileInput.groupBySize(FileInput.listFiles(paths), minPartitions)) {
            partitions.add(new FileGroup(partitions.size(), group.toArray(new String[0])));
        }
        return partitions;
    }

    @Override
    protected final Iterator<Pair<String, T>> compute(Partition split, TaskContext context) {
        Iterator<String> files = Arrays.asList(((FileGroup) split).files()).iterator();
        return InterruptibleIterator.wrap(context, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Pair<String, T> next() {
                Path file = Path.of(files.next());
                T value = read(file, context);
                context.taskMetrics().inputMetrics().incRecordsRead(1);
                return Pair.of(file.toUri().toString(), value);
            }
        });
    }
}
