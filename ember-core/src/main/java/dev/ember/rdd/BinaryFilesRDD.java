package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.PortableDataStream;
import dev.ember.TaskContext;
import java.nio.file.Path;

/**
 * Whole files as (file URI, {@link PortableDataStream}) pairs, grouped into at most {@code minPartitions} partitions
 * of similar total size ({@link WholeFilesRDD}). A task reads no bytes: the stream reads the file
 * when its user asks.
 */
public final class BinaryFilesRDD extends WholeFilesRDD<PortableDataStream> {
    private static final long serialVersionUID = 1L;

    public BinaryFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, paths, minPartitions);
    }

    @Override
    protected PortableDataStream read(Path file, TaskContext context) {
        return new PortableDataStream(file.toString());
    }
}
