package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Whole files as (path, content) pairs; the path is a {@code file:} URI. Files are grouped into at most
 * {@code minPartitions} partitions of similar total size. Each file is read into memory whole.
 */
public final class WholeTextFilesRDD extends WholeFilesRDD<String> {
    private static final long serialVersionUID = 1L;

    public WholeTextFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, paths, minPartitions);
    }

    @Override
    protected String read(Path file, TaskContext context) {
        try (InputStream in = file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes();
            context.taskMetrics().inputMetrics().incBytesRead(bytes.length);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED, "Cannot read file:" + file + ": " + e.getMessage(), e);
        }
    }
}
