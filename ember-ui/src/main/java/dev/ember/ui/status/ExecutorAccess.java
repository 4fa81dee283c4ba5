package dev.ember.ui.status;

import dev.ember.status.ExecutorInspector;
import dev.ember.status.ThreadStacks;
import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the live UI can ask of the application's processes: thread dumps of the driver (local mode's executor too)
 * and, in cluster mode, of every executor process, and the end of an executor process's output. The history server
 * has none of it.
 */
public final class ExecutorAccess {
    /** The id of the driver's executor, and of local mode's only one. */
    public static final String DRIVER = dev.ember.storage.BlockManagerId.DRIVER;

    /** The streams an executor's log may be asked for; nothing else is ever read. */
    public static final List<String> STREAMS = List.of("stderr", "stdout");

    private volatile ExecutorInspector inspector;

    /** Lets the UI ask executor processes (cluster mode). */
    public void attach(ExecutorInspector inspector) {
        this.inspector = inspector;
    }

    /** Whether executor {@code executorId}'s threads can be dumped from here. */
    public boolean canDump(String executorId) {
        return executorId.equals(DRIVER) || inspector != null;
    }

    /** Whether executor {@code executorId}'s output can be read from here: executor processes of a cluster only. */
    public boolean hasLogs(String executorId) {
        return !executorId.equals(DRIVER) && inspector != null;
    }

    public Optional<List<ApiTypes.ThreadStackTrace>> threads(String executorId) {
        List<dev.ember.status.ExecutorInspector.ThreadStack> stacks;
        if (executorId.equals(DRIVER)) {
            stacks = ThreadStacks.ofThisJvm();
        } else {
            ExecutorInspector asked = inspector;
            Optional<List<ExecutorInspector.ThreadStack>> answer =
                    asked == null ? Optional.empty() : asked.threadDump(executorId);
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            stacks = answer.get();
        }
        List<ApiTypes.ThreadStackTrace> threads = new ArrayList<>();
        for (ExecutorInspector.ThreadStack stack : stacks) {
            threads.add(new ApiTypes.ThreadStackTrace(
                    stack.threadId(),
                    stack.name(),
                    stack.state(),
                    stack.stackTrace(),
                    stack.blockedByThreadId(),
                    stack.blockedByLock(),
                    stack.holdingLocks()));
        }
        return Optional.of(threads);
    }

    /** The end of executor {@code executorId}'s {@code stream} ({@code stdout} or {@code stderr}). */
    public Optional<ExecutorInspector.LogTail> log(String executorId, String stream) {
        ExecutorInspector asked = inspector;
        if (asked == null || !STREAMS.contains(stream) || executorId.equals(DRIVER)) {
            return Optional.empty();
        }
        return asked.log(executorId, stream, ExecutorInspector.MAX_LOG_BYTES);
    }
}
