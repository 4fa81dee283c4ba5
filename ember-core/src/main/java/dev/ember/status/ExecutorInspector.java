package dev.ember.status;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Asks a running executor process about itself, for the UI: its threads, and the end of its output. Empty answers
 * when the executor is unknown, gone, or did not answer in time. Implemented by the cluster backend; local mode has
 * none (its executor is the driver's own JVM).
 */
public interface ExecutorInspector {
    /** The largest part of a log one request reads. */
    int MAX_LOG_BYTES = 1 << 20;

    /** Every thread of executor {@code executorId}'s JVM. */
    Optional<List<ThreadStack>> threadDump(String executorId);

    /** The last {@code maxBytes} (at most {@link #MAX_LOG_BYTES}) of the executor's {@code stdout} or {@code stderr}. */
    Optional<LogTail> log(String executorId, String stream, int maxBytes);

    /** One thread: its id, name, state, stack (a frame per line, with the monitors it holds), and what blocks it. */
    record ThreadStack(
            long threadId,
            String name,
            String state,
            String stackTrace,
            Long blockedByThreadId,
            String blockedByLock,
            List<String> holdingLocks)
            implements Serializable {
        public ThreadStack {
            holdingLocks = List.copyOf(holdingLocks);
        }
    }

    /** The end of a log: its text (decoded as UTF-8) and the whole log's size. */
    record LogTail(String text, long totalBytes) implements Serializable {}
}
