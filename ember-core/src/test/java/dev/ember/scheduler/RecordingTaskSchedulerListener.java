package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.events.TaskInfo;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stands in for the DAG scheduler: records everything the task scheduler reports. */
final class RecordingTaskSchedulerListener implements TaskSchedulerListener {
    record Started(Task<?> task, TaskInfo info) {}

    record Ended(
            Task<?> task,
            TaskEndReason reason,
            Object result,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskInfo info) {}

    record TaskSetFailure(TaskSet taskSet, String reason, Throwable exception) {}

    record Speculation(Task<?> task, int taskIndex) {}

    final List<Started> started = Collections.synchronizedList(new ArrayList<>());
    final List<Ended> ended = Collections.synchronizedList(new ArrayList<>());
    final List<TaskSetFailure> taskSetFailures = Collections.synchronizedList(new ArrayList<>());
    final List<Speculation> speculations = Collections.synchronizedList(new ArrayList<>());
    final List<String> executorsAdded = Collections.synchronizedList(new ArrayList<>());
    final List<String> executorsLost = Collections.synchronizedList(new ArrayList<>());
    /** Task ids of map outputs moved off each executor, as the map output tracker would say. */
    final java.util.Map<String, java.util.Set<Long>> movedOutputs = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Set<Long> mapOutputsMovedFrom(String executorId) {
        return movedOutputs.getOrDefault(executorId, java.util.Set.of());
    }

    @Override
    public void taskStarted(Task<?> task, TaskInfo info) {
        started.add(new Started(task, info));
    }

    @Override
    public void taskGettingResult(TaskInfo info) {}

    @Override
    public void taskEnded(
            Task<?> task,
            TaskEndReason reason,
            Object result,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics,
            TaskInfo info) {
        ended.add(new Ended(task, reason, result, accumulatorUpdates, info));
    }

    @Override
    public void executorAdded(String executorId, String host) {
        executorsAdded.add(executorId);
    }

    @Override
    public void executorLost(String executorId, String reason) {
        executorsLost.add(executorId);
    }

    @Override
    public void taskSetFailed(TaskSet taskSet, String reason, Throwable exception) {
        taskSetFailures.add(new TaskSetFailure(taskSet, reason, exception));
    }

    @Override
    public void speculativeTaskSubmitted(Task<?> task, int taskIndex) {
        speculations.add(new Speculation(task, taskIndex));
    }

    /** What the attempt with this task id was, as reported when it started. */
    TaskInfo info(long taskId) {
        synchronized (started) {
            return started.stream()
                    .filter(start -> start.info().taskId() == taskId)
                    .findFirst()
                    .orElseThrow()
                    .info();
        }
    }

    Ended lastEnded() {
        synchronized (ended) {
            return ended.get(ended.size() - 1);
        }
    }
}
