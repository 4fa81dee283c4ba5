package dev.ember.ui.status;

import dev.ember.ui.api.ApiTypes;
import java.util.Map;

/** One executor (the driver too): what it ran and what it caches. Guarded by the store's lock. */
final class LiveExecutor {
    final String id;
    String host = "";
    int port;
    int cores;
    long addTime;
    long removeTime;
    String removeReason;
    long maxOnHeap;
    long maxOffHeap;
    int activeTasks;
    int completedTasks;
    int failedTasks;
    long totalDuration;
    long gcTime;
    long inputBytes;
    long shuffleRead;
    long shuffleWrite;
    int rddBlocks;
    long memoryUsed;
    long diskUsed;
    /** The latest metrics the executor process reported, and the peak of each. */
    Map<String, Long> latest = Map.of();

    final Map<String, Long> peaks = new java.util.TreeMap<>();

    LiveExecutor(String id) {
        this.id = id;
    }

    /** Counts a task attempt that ran here and ended. */
    void taskEnded(LiveTask task, boolean wasRunning, long duration) {
        if (wasRunning) {
            activeTasks = Math.max(0, activeTasks - 1);
        }
        if (task.status.equals("SUCCESS")) {
            completedTasks++;
        } else if (task.status.equals("FAILED")) {
            failedTasks++;
        }
        totalDuration += duration;
        if (task.metrics != null) {
            gcTime += task.metrics.jvmGcTimeMillis();
            inputBytes += task.metrics.inputMetrics().bytesRead();
            shuffleRead += task.metrics.shuffleReadMetrics().totalBytesRead();
            shuffleWrite += task.metrics.shuffleWriteMetrics().bytesWritten();
        }
    }

    void reported(Map<String, Long> metrics) {
        latest = Map.copyOf(metrics);
        metrics.forEach((name, value) -> peaks.merge(name, value, Math::max));
    }

    boolean active() {
        return removeTime == 0;
    }

    ApiTypes.ExecutorSummary snapshot() {
        long maxMemory = maxOnHeap + maxOffHeap;
        return new ApiTypes.ExecutorSummary(
                id,
                port > 0 ? host + ":" + port : host,
                active(),
                rddBlocks,
                memoryUsed,
                diskUsed,
                cores,
                cores,
                activeTasks,
                failedTasks,
                completedTasks,
                activeTasks + failedTasks + completedTasks,
                totalDuration,
                gcTime,
                inputBytes,
                shuffleRead,
                shuffleWrite,
                false,
                false,
                maxMemory,
                ApiTime.format(addTime),
                ApiTime.format(removeTime),
                removeReason,
                Map.of(),
                new ApiTypes.MemoryMetrics(memoryUsed, 0, maxOnHeap, maxOffHeap),
                peaks.isEmpty() ? null : Map.copyOf(peaks));
    }
}
