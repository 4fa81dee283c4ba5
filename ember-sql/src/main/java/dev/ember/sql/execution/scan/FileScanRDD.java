package dev.ember.sql.execution.scan;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The RDD of a file scan: a partition per group of splits, read one split after another. */
final class FileScanRDD extends RDD<ColumnBatch> {
    private static final long serialVersionUID = 1L;

    private final List<List<FileSplit>> groups;
    private final ScanSpec spec;

    FileScanRDD(EmberContext context, List<List<FileSplit>> groups, ScanSpec spec) {
        super(context, List.of());
        this.groups = groups;
        this.spec = spec;
    }

    private record ScanPartition(int index, List<FileSplit> splits) implements Partition {}

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            partitions.add(new ScanPartition(i, groups.get(i)));
        }
        return partitions;
    }

    @Override
    protected Iterator<ColumnBatch> compute(Partition split, TaskContext context) {
        List<FileSplit> splits = ((ScanPartition) split).splits();
        return new Iterator<>() {
            private int next;
            private FileFormat.SourceReader reader;
            private FileSplit current;

            @Override
            public boolean hasNext() {
                while (reader == null || !reader.hasNext()) {
                    closeReader();
                    if (next >= splits.size()) {
                        return false;
                    }
                    current = splits.get(next++);
                    try {
                        reader = spec.format()
                                .read(
                                        current,
                                        spec.dataSchema(),
                                        spec.requiredSchema(),
                                        spec.filters(),
                                        spec.options());
                    } catch (IOException e) {
                        throw new EmberException(
                                ErrorClass.INPUT_READ_FAILED,
                                "Cannot read " + current.path() + ": " + e.getMessage(),
                                e);
                    }
                    FileFormat.SourceReader opened = reader;
                    context.addTaskCompletionListener(task -> close(opened));
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return arrange(reader.next(), current);
            }

            private void closeReader() {
                if (reader != null) {
                    close(reader);
                    reader = null;
                }
            }
        };
    }

    private static void close(FileFormat.SourceReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // The data was read; a failure to close loses nothing.
        }
    }

    /** The batch's columns in output order, with the split's partition values as constant columns. */
    private ColumnBatch arrange(ColumnBatch read, FileSplit split) {
        int[] sources = spec.sources();
        ColumnVector[] columns = new ColumnVector[sources.length];
        int rows = Math.max(1, read.numRows());
        for (int i = 0; i < sources.length; i++) {
            if (sources[i] >= 0) {
                columns[i] = read.column(sources[i]);
            } else {
                int partition = -1 - sources[i];
                columns[i] = ColumnVectors.constant(
                        spec.partitionSchema().field(partition).dataType(),
                        split.partitionValues().get(partition),
                        rows);
            }
        }
        ColumnBatch arranged = ColumnBatch.of(read.numRows(), columns);
        return read.selection() == null ? arranged : arranged.withSelection(read.selection(), read.size());
    }
}
