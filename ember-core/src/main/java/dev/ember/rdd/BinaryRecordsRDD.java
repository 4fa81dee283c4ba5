package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.files.FileInput;
import dev.ember.files.FileSplit;
import dev.ember.files.RecordReader;
import dev.ember.util.InterruptibleIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fixed-length records of binary files, in file order. Files are cut into splits of whole records when the
 * partitions are first needed; then a file whose length is not a multiple of the record length fails the action,
 * naming the file and its length, as a missing path does.
 */
public final class BinaryRecordsRDD extends RDD<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int recordLength;
    private final int minPartitions;
    private final long maxSplitSize;

    public BinaryRecordsRDD(
            EmberContext context, String paths, int recordLength, int minPartitions, long maxSplitSize) {
        super(context, List.of());
        requireNonNull(paths, "path is null");
        if (recordLength < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "binaryRecords: recordLength must be positive, not " + recordLength);
        }
        // A malformed path fails here, with the path, rather than in a task.
        FileInput.splitPaths(paths).forEach(FileInput::localPath);
        this.paths = paths;
        this.recordLength = recordLength;
        this.minPartitions = minPartitions;
        this.maxSplitSize = maxSplitSize;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        return new ArrayList<>(
                FileInput.recordSplits(FileInput.listFiles(paths), minPartitions, maxSplitSize, recordLength));
    }

    @Override
    protected Iterator<byte[]> compute(Partition split, TaskContext context) {
        RecordReader reader = new RecordReader(
                (FileSplit) split, recordLength, context.taskMetrics().inputMetrics());
        context.addTaskCompletionListener(ignored -> reader.close());
        return InterruptibleIterator.wrap(context, reader);
    }
}
