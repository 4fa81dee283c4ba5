package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Whole files as (path, content) pairs; the path is a {@code file:} URI. Files are grouped into at most
 * {@code minPartitions} partitions of similar total size. Each file is read into memory whole.
 */
public final class WholeTextFilesRDD extends RDD<Pair<String, String>> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int minPartitions;

    public WholeTextFilesRDD(EmberContext context, String paths, int minPartitions) {
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
    protected Iterator<Pair<String, String>> compute(Partition split, TaskContext context) {
        String[] files = ((FileGroup) split).files();
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                context.killTaskIfInterrupted();
                return position < files.length;
            }

            @Override
            public Pair<String, String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path file = Path.of(files[position++]);
                try (InputStream in = file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(file))
                        : Files.newInputStream(file)) {
                    byte[] bytes = in.readAllBytes();
                    context.taskMetrics().inputMetrics().incBytesRead(bytes.length);
                    context.taskMetrics().inputMetrics().incRecordsRead(1);
                    return Pair.of(file.toUri().toString(), new String(bytes, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new EmberException(
                            ErrorClass.INPUT_READ_FAILED, "Cannot read file:" + file + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
