package dev.ember.ui.status;

import dev.ember.ui.api.ApiTypes;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Stack traces of every thread of this process, the driver's (in local mode also the executor's). */
public final class ThreadDumps {
    /** The id of the driver's executor, and of local mode's only one. */
    public static final String DRIVER = "driver";

    private ThreadDumps() {}

    /** The threads of {@code executorId} when it runs in this process; empty for another process's executor. */
    public static Optional<List<ApiTypes.ThreadStackTrace>> of(String executorId) {
        if (!executorId.equals(DRIVER)) {
            return Optional.empty();
        }
        List<ApiTypes.ThreadStackTrace> threads = new ArrayList<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StringBuilder trace = new StringBuilder();
            MonitorInfo[] monitors = info.getLockedMonitors();
            StackTraceElement[] frames = info.getStackTrace();
            for (int i = 0; i < frames.length; i++) {
                trace.append(frames[i]).append('\n');
                for (MonitorInfo monitor : monitors) {
                    if (monitor.getLockedStackDepth() == i) {
                        trace.append("  - locked ").append(monitor).append('\n');
                    }
                }
            }
            List<String> holding = new ArrayList<>();
            for (MonitorInfo monitor : monitors) {
                holding.add(monitor.toString());
            }
            for (LockInfo lock : info.getLockedSynchronizers()) {
                holding.add(lock.toString());
            }
            threads.add(new ApiTypes.ThreadStackTrace(
                    info.getThreadId(),
                    info.getThreadName(),
                    info.getThreadState().name(),
                    trace.toString(),
                    info.getLockOwnerId() < 0 ? null : info.getLockOwnerId(),
                    info.getLockName(),
                    holding));
        }
        threads.sort(Comparator.comparing(
                        (ApiTypes.ThreadStackTrace t) -> !t.threadName().startsWith("Executor task"))
                .thenComparing(ApiTypes.ThreadStackTrace::threadName));
        return Optional.of(threads);
    }
}
