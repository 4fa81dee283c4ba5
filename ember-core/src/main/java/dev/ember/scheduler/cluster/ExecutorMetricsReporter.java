package dev.ember.scheduler.cluster;

import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.util.ThreadUtils;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the driver what this executor's JVM and block manager hold, every {@code ember.executor.metrics.interval}:
 * the driver's UI and metrics show them. A send that fails is logged at debug and tried again next time.
 */
final class ExecutorMetricsReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorMetricsReporter.class);

    private final ScheduledExecutorService timer;

    private ExecutorMetricsReporter(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ExecutorMetricsReporter start(
            RpcEndpointRef driver, String executorId, UnifiedMemoryManager memory, Duration interval) {
        ScheduledExecutorService timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("executor-metrics");
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        driver.send(new ClusterMessages.ExecutorMetrics(executorId, snapshot(memory)));
                    } catch (RuntimeException e) {
                        LOG.debug("Could not send executor metrics: {}", e.toString());
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ExecutorMetricsReporter(timer);
    }

    /** The metrics now, by the names of {@code EmberListenerEvent.ExecutorMetricsUpdate}. */
    static Map<String, Long> snapshot(UnifiedMemoryManager memory) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        metrics.put("JVMHeapMemory", heap.getUsed());
        metrics.put("JVMHeapCommitted", heap.getCommitted());
        metrics.put("JVMHeapMax", heap.getMax());
        metrics.put(
                "JVMOffHeapMemory",
                ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        metrics.put("GCCount", count);
        metrics.put("GCTime", time);
        metrics.put("Threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        metrics.put("StorageMemoryUsed", memory.storageMemoryUsed());
        metrics.put("StorageMemoryMax", memory.maxOnHeapMemory());
        return metrics;
    }

    @Override
    public void close() {
        ThreadUtils.shutdownAndAwait(timer, Duration.ofSeconds(5));
    }
}
