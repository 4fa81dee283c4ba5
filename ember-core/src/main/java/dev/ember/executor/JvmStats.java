package dev.ember.executor;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The JVM's thread and garbage collector beans, behind task metrics. Looking them up loads the management
 * machinery, tens of milliseconds the first task of an application would otherwise wait for: the executor asks
 * for them on a background thread as it starts ({@link Executor}).
 */
final class JvmStats {
    private JvmStats() {}

    private static final class Beans {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        static final List<GarbageCollectorMXBean> COLLECTORS =
                List.copyOf(ManagementFactory.getGarbageCollectorMXBeans());
    }

    static ThreadMXBean threads() {
        return Beans.THREADS;
    }

    static List<GarbageCollectorMXBean> garbageCollectors() {
        return Beans.COLLECTORS;
    }
}
