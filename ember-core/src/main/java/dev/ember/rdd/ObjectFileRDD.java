package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.files.FileInput;
import dev.ember.files.ObjectFiles;
import dev.ember.util.InterruptibleIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The elements of files written by {@code saveAsObjectFile}: one partition per file. */
public final class ObjectFileRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private final String paths;

    private record ObjectFilePartition(int index, String file) implements Partition {}

    public ObjectFileRDD(EmberContext context, String paths) {
        super(context, List.of());
        this.paths = paths;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        for (Path file : FileInput.listFiles(paths)) {
            partitions.add(new ObjectFilePartition(partitions.size(), file.toString()));
        }
        return partitions;
    }

    @Override
    protected Iterator<T> compute(Partition split, TaskContext context) {
        return InterruptibleIterator.wrap(context, ObjectFiles.read(Path.of(((ObjectFilePartition) split).file())));
    }
}
