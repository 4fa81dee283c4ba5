package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.events.TaskInfo;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import java.util.List;

/**
 * What the task scheduler tells the DAG scheduler. Called from task scheduler threads; the DAG scheduler only
 * enqueues events, so these never block.
 */
public interface TaskSchedulerListener {
    void taskStarted(Task<?> task, TaskInfo info);

    void taskGettingResult(TaskInfo info);

    /**
     * A task attempt ended.
     *
     * @param result the task's value on success, else null
     * @param accumulatorUpdates additions to merge (empty for a duplicate success)
     */
    void taskEnded(
            Task<?> task,
            TaskEndReason reason,
            Object result,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics,
            TaskInfo info);

    void executorAdded(String executorId, String host);

    void executorLost(String executorId, String reason);

    /**
     * The map task attempts (by task id) whose outputs were moved off {@code executorId} before it left, so they
     * need not run again when it is lost.
     */
    default java.util.Set<Long> mapOutputsMovedFrom(String executorId) {
        return java.util.Set.of();
    }

    /** A task set gave up (a task failed too often, results too large, ...). */
    void taskSetFailed(TaskSet taskSet, String reason, Throwable exception);

    void speculativeTaskSubmitted(Task<?> task, int taskIndex);
}
