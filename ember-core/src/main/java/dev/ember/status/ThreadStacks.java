package dev.ember.status;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The stacks of every thread of this JVM, task threads first, for thread dumps in the UI. */
public final class ThreadStacks {
    private ThreadStacks() {}

    public static List<ExecutorInspector.ThreadStack> ofThisJvm() {
        List<ExecutorInspector.ThreadStack> threads = new ArrayList<>();
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
            threads.add(new ExecutorInspector.ThreadStack(
                    info.getThreadId(),
                    info.getThreadName(),
                    info.getThreadState().name(),
                    trace.toString(),
                    info.getLockOwnerId() < 0 ? null : info.getLockOwnerId(),
                    info.getLockName(),
                    holding));
        }
        threads.sort(Comparator.comparing(
                        (ExecutorInspector.ThreadStack t) -> !t.name().startsWith("Executor task"))
                .thenComparing(ExecutorInspector.ThreadStack::name));
        return threads;
    }
}
