package dev.ember.ui.status;

import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One stage attempt as it runs. Guarded by the store's lock. */
final class LiveStage {
    final StageInfo info;
    final TreeSet<Integer> jobIds = new TreeSet<>();
    String status = "PENDING";
    String description;
    String pool = "default";
    long firstTaskLaunched;
    int activeTasks;
    int completedTasks;
    int failedTasks;
    int killedTasks;
    final BitSet completedIndices = new BitSet();
    final MetricTotals totals = new MetricTotals();
    final Map<String, ExecutorTotals> byExecutor = new TreeMap<>();
    final Map<String, Integer> killedSummary = new HashMap<>();
    /** The retained task attempts, oldest first. */
    final LinkedHashMap<Long, LiveTask> tasks = new LinkedHashMap<>();

    /** A stage's work on one executor. */
    static final class ExecutorTotals {
        final MetricTotals totals = new MetricTotals();
        int succeeded;
        int failed;
        int killed;
    }

    LiveStage(StageInfo info) {
        this.info = info;
    }

    boolean active() {
        return status.equals("ACTIVE");
    }

    boolean finished() {
        return status.equals("COMPLETE") || status.equals("FAILED") || status.equals("SKIPPED");
    }

    /** Counts an attempt that ended with {@code task.status}, {@code killReason} saying why when it was killed. */
    void taskEnded(LiveTask task, boolean wasRunning, String killReason, long duration) {
        if (wasRunning) {
            activeTasks = Math.max(0, activeTasks - 1);
        }
        ExecutorTotals onExecutor = byExecutor.computeIfAbsent(task.info.executorId(), id -> new ExecutorTotals());
        switch (task.status) {
            case "SUCCESS" -> {
                completedTasks++;
                completedIndices.set(task.info.index());
                onExecutor.succeeded++;
            }
            case "KILLED" -> {
                killedTasks++;
                killedSummary.merge(String.valueOf(killReason), 1, Integer::sum);
                onExecutor.killed++;
            }
            default -> {
                failedTasks++;
                onExecutor.failed++;
            }
        }
        totals.add(task.metrics, duration);
        onExecutor.totals.add(task.metrics, duration);
    }

    private List<ApiTypes.AccumulableInfo> accumulables() {
        List<ApiTypes.AccumulableInfo> answer = new ArrayList<>();
        for (dev.ember.events.AccumulableInfo accumulable : new TreeMap<>(info.accumulables()).values()) {
            answer.add(new ApiTypes.AccumulableInfo(accumulable.id(), accumulable.name(), null, accumulable.value()));
        }
        return answer;
    }

    /** Drops the oldest finished tasks until at most {@code retained} are kept. */
    void trimTasks(int retained) {
        Iterator<LiveTask> oldest = tasks.values().iterator();
        while (tasks.size() > retained && oldest.hasNext()) {
            if (oldest.next().finished()) {
                oldest.remove();
            }
        }
    }

    ApiTypes.StageData snapshot(boolean details, long now) {
        Map<String, ApiTypes.TaskData> taskData = null;
        Map<String, ApiTypes.ExecutorStageSummary> executorData = null;
        if (details) {
            taskData = new LinkedHashMap<>();
            for (LiveTask task : tasks.values()) {
                taskData.put(Long.toString(task.info.taskId()), task.snapshot(now));
            }
            executorData = new LinkedHashMap<>();
            for (Map.Entry<String, ExecutorTotals> entry : byExecutor.entrySet()) {
                ExecutorTotals e = entry.getValue();
                MetricTotals t = e.totals;
                executorData.put(
                        entry.getKey(),
                        new ApiTypes.ExecutorStageSummary(
                                t.taskTime,
                                e.failed,
                                e.succeeded,
                                e.killed,
                                t.inputBytes,
                                t.inputRecords,
                                t.outputBytes,
                                t.outputRecords,
                                t.shuffleReadBytes(),
                                t.shuffleReadRecords,
                                t.shuffleWriteBytes,
                                t.shuffleWriteRecords,
                                t.memorySpilled,
                                t.diskSpilled,
                                false));
            }
        }
        MetricTotals t = totals;
        List<Integer> rddIds = new ArrayList<>();
        for (RddInfo rdd : info.rddInfos()) {
            rddIds.add(rdd.id());
        }
        return new ApiTypes.StageData(
                status,
                info.stageId(),
                info.attemptNumber(),
                info.numTasks(),
                activeTasks,
                completedTasks,
                failedTasks,
                killedTasks,
                completedIndices.cardinality(),
                ApiTime.format(info.submissionTime()),
                ApiTime.format(firstTaskLaunched),
                ApiTime.format(finished() ? info.completionTime() : 0),
                info.failureReason(),
                t.deserializeTime,
                t.deserializeCpuTime,
                t.runTime,
                t.cpuTime,
                t.resultSize,
                t.gcTime,
                t.resultSerializationTime,
                t.memorySpilled,
                t.diskSpilled,
                t.peakExecutionMemory,
                t.inputBytes,
                t.inputRecords,
                t.outputBytes,
                t.outputRecords,
                t.remoteBlocksFetched,
                t.localBlocksFetched,
                t.fetchWaitTime,
                t.remoteBytesRead,
                t.localBytesRead,
                t.shuffleReadBytes(),
                t.shuffleReadRecords,
                t.shuffleWriteBytes,
                t.shuffleWriteTime,
                t.shuffleWriteRecords,
                info.name(),
                description,
                info.details(),
                pool,
                rddIds,
                List.copyOf(jobIds),
                accumulables(),
                taskData,
                executorData,
                Map.copyOf(killedSummary));
    }
}
