package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.PortableDataStream;
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
 * Whole files as (file URI, {@link PortableDataStream}) pairs, grouped into at most {@code minPartitions} partitions
 * of similar total size as {@link WholeTextFilesRDD} groups them. A task reads no bytes: the stream reads the file
 * when its user asks.
 */
public final class BinaryFilesRDD extends RDD<Pair<String, PortableDataStream>> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int minPartitions;

    private record FileGroup(int index, String[] files) implements Partition {}

    public BinaryFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, List.of());
        requireNonNull(paths, "path is null");
        if (minPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "minPartitions must be positive, not " + minPartitions);
        }
        // A malformed path fails here, with the path, rather than in a task.
        FileInput.splitPaths(paths).forEach(FileInput::localPath);
        this.paths = paths;
        this.minPartitions = minPartitions;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        for (List<String> group : FileInput.groupBySize(FileInput.listFiles(paths), minPartitions)) {
            partitions.add(new FileGroup(partitions.size(), group.toArray(new String[0])));
        }
        return partitions;
    }

    @Override
    protected Iterator<Pair<String, PortableDataStream>> compute(Partition split, TaskContext context) {
        Iterator<String> files = Arrays.asList(((FileGroup) split).files()).iterator();
        return InterruptibleIterator.wrap(context, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Pair<String, PortableDataStream> next() {
                String file = files.next();
                context.taskMetrics().inputMetrics().incRecordsRead(1);
                return Pair.of(Path.of(file).toUri().toString(), new PortableDataStream(file));
            }
        });
    }
}
