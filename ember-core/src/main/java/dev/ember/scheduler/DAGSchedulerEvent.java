package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.RDD;
import dev.ember.events.TaskInfo;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.function.TaskFunction;
import dev.ember.metrics.TaskMetrics;
import dev.ember.util.CallSite;
import java.util.List;
import java.util.Properties;

/** What the DAG scheduler's event loop handles. Public methods of the scheduler only post these. */
sealed interface DAGSchedulerEvent {
    record JobSubmitted(
            int jobId,
            RDD<?> rdd,
            TaskFunction<?, ?> function,
            int[] partitions,
            CallSite callSite,
            JobListener listener,
            Properties properties)
            implements DAGSchedulerEvent {}

    record MapStageSubmitted(
            int jobId,
            dev.ember.ShuffleDependency<?> dependency,
            CallSite callSite,
            JobListener listener,
            Properties properties)
            implements DAGSchedulerEvent {}

    record JobCancelled(int jobId, String reason, boolean interruptThreads) implements DAGSchedulerEvent {}

    record JobGroupCancelled(String groupId, String reason) implements DAGSchedulerEvent {}

    record AllJobsCancelled(String reason) implements DAGSchedulerEvent {}

    record StageCancelled(int stageId, String reason) implements DAGSchedulerEvent {}

    record BeginEvent(Task<?> task, TaskInfo info) implements DAGSchedulerEvent {}

    record GettingResultEvent(TaskInfo info) implements DAGSchedulerEvent {}

    record CompletionEvent(
            Task<?> task,
            TaskEndReason reason,
            Object result,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics,
            TaskInfo info)
            implements DAGSchedulerEvent {}

    record ExecutorAdded(String executorId, String host) implements DAGSchedulerEvent {}

    record ExecutorLost(String executorId, String reason) implements DAGSchedulerEvent {}

    record TaskSetFailed(TaskSet taskSet, String reason, Throwable exception) implements DAGSchedulerEvent {}

    record ResubmitFailedStages() implements DAGSchedulerEvent {}

    record SpeculativeTaskSubmitted(Task<?> task, int taskIndex) implements DAGSchedulerEvent {}

    /** Runs on the loop (tests use it to inspect state safely). */
    record Probe(Runnable action) implements DAGSchedulerEvent {}
}
