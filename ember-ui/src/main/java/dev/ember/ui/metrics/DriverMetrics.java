package dev.ember.ui.metrics;

import dev.ember.events.LiveListenerBus;
import dev.ember.ui.api.ApiTypes;
import dev.ember.ui.status.AppStatus;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Takes the application's metrics now: the driver's JVM, the scheduler, the listener bus and the executors. */
public final class DriverMetrics {
    private final AppStatus status;
    private final LiveListenerBus bus;

    public DriverMetrics(AppStatus status, LiveListenerBus bus) {
        this.status = status;
        this.bus = bus;
    }

    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> app = Map.of("app_id", status.appId());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        gauge(samples, "ember_driver_jvm_heap_used_bytes", "Heap memory the driver's JVM uses.", app, heap.getUsed());
        gauge(
                samples,
                "ember_driver_jvm_heap_committed_bytes",
                "Heap memory committed to the driver's JVM.",
                app,
                heap.getCommitted());
        gauge(samples, "ember_driver_jvm_heap_max_bytes", "Largest heap the driver's JVM may use.", app, heap.getMax());
        gauge(
                samples,
                "ember_driver_jvm_non_heap_used_bytes",
                "Non-heap memory the driver's JVM uses.",
                app,
                nonHeap.getUsed());
        gauge(
                samples,
                "ember_driver_jvm_threads",
                "Live threads of the driver's JVM.",
                app,
                ManagementFactory.getThreadMXBean().getThreadCount());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, String> labels = with(app, "gc", gc.getName());
            counter(
                    samples,
                    "ember_driver_jvm_gc_collections_total",
                    "Collections by the driver's collector.",
                    labels,
                    Math.max(0, gc.getCollectionCount()));
            counter(
                    samples,
                    "ember_driver_jvm_gc_seconds_total",
                    "Time the driver's collector spent.",
                    labels,
                    Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        AppStatus.Counts counts = status.counts();
        gauge(samples, "ember_jobs_active", "Jobs running now.", app, counts.activeJobs());
        counter(
                samples,
                "ember_jobs_total",
                "Jobs that ended, by how.",
                with(app, "status", "succeeded"),
                counts.succeededJobs());
        counter(
                samples,
                "ember_jobs_total",
                "Jobs that ended, by how.",
                with(app, "status", "failed"),
                counts.failedJobs());
        gauge(samples, "ember_stages_active", "Stage attempts running now.", app, counts.activeStages());
        gauge(samples, "ember_tasks_active", "Tasks running now.", app, counts.activeTasks());
        gauge(
                samples,
                "ember_tasks_pending",
                "Tasks of running stages waiting for a slot.",
                app,
                counts.pendingTasks());
        gauge(samples, "ember_listener_bus_queue_size", "Events waiting for the listeners.", app, bus.queueSize());
        counter(
                samples,
                "ember_listener_bus_dropped_events_total",
                "Events dropped because the listeners fell behind.",
                app,
                bus.droppedEvents());
        for (ApiTypes.ExecutorSummary e : status.executors(false)) {
            Map<String, String> labels = with(app, "executor_id", e.id());
            gauge(samples, "ember_executor_cores", "Cores of the executor.", labels, e.totalCores());
            gauge(samples, "ember_executor_tasks_active", "Tasks the executor runs now.", labels, e.activeTasks());
            counter(
                    samples,
                    "ember_executor_tasks_completed_total",
                    "Tasks the executor completed.",
                    labels,
                    e.completedTasks());
            counter(
                    samples,
                    "ember_executor_tasks_failed_total",
                    "Tasks that failed on the executor.",
                    labels,
                    e.failedTasks());
            counter(
                    samples,
                    "ember_executor_task_seconds_total",
                    "Time tasks ran on the executor.",
                    labels,
                    e.totalDuration() / 1000.0);
            counter(
                    samples,
                    "ember_executor_gc_seconds_total",
                    "GC time of the executor's JVM during tasks.",
                    labels,
                    e.totalGCTime() / 1000.0);
            counter(
                    samples,
                    "ember_executor_input_bytes_total",
                    "Bytes tasks read as input on the executor.",
                    labels,
                    e.totalInputBytes());
            counter(
                    samples,
                    "ember_executor_shuffle_read_bytes_total",
                    "Shuffle bytes read on the executor.",
                    labels,
                    e.totalShuffleRead());
            counter(
                    samples,
                    "ember_executor_shuffle_write_bytes_total",
                    "Shuffle bytes written on the executor.",
                    labels,
                    e.totalShuffleWrite());
            gauge(
                    samples,
                    "ember_executor_storage_memory_used_bytes",
                    "Memory of the executor's block manager holding cached blocks.",
                    labels,
                    e.memoryUsed());
            gauge(
                    samples,
                    "ember_executor_storage_memory_max_bytes",
                    "Memory the executor's block manager may use for storage.",
                    labels,
                    e.maxMemory());
            gauge(
                    samples,
                    "ember_executor_disk_used_bytes",
                    "Disk the executor's cached blocks use.",
                    labels,
                    e.diskUsed());
        }
        for (Map.Entry<String, Map<String, Long>> jvm : status.executorJvms().entrySet()) {
            Map<String, String> labels = with(app, "executor_id", jvm.getKey());
            Map<String, Long> m = jvm.getValue();
            gauge(
                    samples,
                    "ember_executor_jvm_heap_used_bytes",
                    "Heap the executor's JVM uses (last report).",
                    labels,
                    m.getOrDefault("JVMHeapMemory", 0L));
            gauge(
                    samples,
                    "ember_executor_jvm_heap_max_bytes",
                    "Largest heap the executor's JVM may use.",
                    labels,
                    m.getOrDefault("JVMHeapMax", 0L));
            gauge(
                    samples,
                    "ember_executor_jvm_non_heap_used_bytes",
                    "Non-heap memory the executor's JVM uses.",
                    labels,
                    m.getOrDefault("JVMOffHeapMemory", 0L));
            counter(
                    samples,
                    "ember_executor_jvm_gc_collections_total",
                    "Collections in the executor's JVM.",
                    labels,
                    m.getOrDefault("GCCount", 0L));
            counter(
                    samples,
                    "ember_executor_jvm_gc_seconds_total",
                    "Time the executor's JVM spent collecting.",
                    labels,
                    m.getOrDefault("GCTime", 0L) / 1000.0);
            gauge(
                    samples,
                    "ember_executor_jvm_threads",
                    "Live threads of the executor's JVM.",
                    labels,
                    m.getOrDefault("Threads", 0L));
        }
        return samples;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(name, value);
        return more;
    }

    private static void gauge(List<Sample> samples, String name, String help, Map<String, String> labels, double v) {
        samples.add(new Sample(name, help, "gauge", labels, v));
    }

    private static void counter(List<Sample> samples, String name, String help, Map<String, String> labels, double v) {
        samples.add(new Sample(name, help, "counter", labels, v));
    }
}
