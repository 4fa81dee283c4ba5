package dev.ember.scheduler.cluster;

import dev.ember.status.ExecutorInspector;
import dev.ember.status.ThreadStacks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An executor process answering the driver about itself: its threads, or the end of its {@code stdout} or
 * {@code stderr}, which the worker writes into the process's working directory. Only those two files are ever read,
 * at most {@link ExecutorInspector#MAX_LOG_BYTES} of them.
 */
final class ExecutorIntrospection {
    private ExecutorIntrospection() {}

    static Object answer(ClusterMessages.InspectExecutor request, Path workDir) throws IOException {
        return switch (request.what()) {
            case "threads" -> new ClusterMessages.ExecutorThreads(ThreadStacks.ofThisJvm());
            case "stdout", "stderr" ->
                tail(
                        workDir.resolve(request.what()),
                        Math.max(0, Math.min(request.maxBytes(), ExecutorInspector.MAX_LOG_BYTES)));
            default ->
                throw new IllegalArgumentException(
                        "An executor answers about its threads, stdout or stderr, not '" + request.what() + "'");
        };
    }

    /** The last {@code maxBytes} of {@code file}; empty when the process's output is not in a file (a test). */
    private static ClusterMessages.ExecutorLog tail(Path file, int maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new ClusterMessages.ExecutorLog("", 0);
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            int size = (int) Math.min(length, maxBytes);
            byte[] bytes = new byte[size];
            log.seek(length - size);
            log.readFully(bytes);
            return new ClusterMessages.ExecutorLog(new String(bytes, StandardCharsets.UTF_8), length);
        }
    }
}
