package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.PortableDataStream;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.InterruptibleIterator;
import java.nio.file.Path;
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

    public BinaryFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, List.of());
        // A malformed path or partition count fails here rather than in a task.
        FileGroup.check(paths, minPartitions);
        this.paths = paths;
        this.minPartitions = minPartitions;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        return FileGroup.of(paths, minPartitions);
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
