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
import dev.ember.files.LineReader;
import dev.ember.util.InterruptibleIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The lines of text files. Files are listed and cut into splits when partitions are first needed (an action, or
 * {@code getNumPartitions}); a missing path fails then, naming it.
 */
public final class TextFileRDD extends RDD<String> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int minPartitions;
    private final long maxSplitSize;

    public TextFileRDD(EmberContext context, String paths, int minPartitions, long maxSplitSize) {
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
        this.maxSplitSize = maxSplitSize;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        return new ArrayList<>(FileInput.splits(FileInput.listFiles(paths), minPartitions, maxSplitSize));
    }

    @Override
    protected Iterator<String> compute(Partition split, TaskContext context) {
        LineReader reader =
                new LineReader((FileSplit) split, context.taskMetrics().inputMetrics());
        context.addTaskCompletionListener(ignored -> reader.close());
        return InterruptibleIterator.wrap(context, reader);
    }
}
