package dev.ember.events;

import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockStatus;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Something that happened in an application. Delivered to listeners in the order it was posted. */
public sealed interface EmberListenerEvent {
    record ApplicationStart(String appName, String appId, long time, String user) implements EmberListenerEvent {}

    record ApplicationEnd(long time) implements EmberListenerEvent {}

    record EnvironmentUpdate(Map<String, String> settings) implements EmberListenerEvent {}

    record JobStart(int jobId, long time, List<StageInfo> stageInfos, Properties properties)
            implements EmberListenerEvent {
        /** The ids of the job's stages. */
        public List<Integer> stageIds() {
            return stageInfos.stream().map(StageInfo::stageId).toList();
        }
    }

    record JobEnd(int jobId, long time, JobResult result) implements EmberListenerEvent {}

    record StageSubmitted(StageInfo stageInfo, Properties properties) implements EmberListenerEvent {}

    record StageCompleted(StageInfo stageInfo) implements EmberListenerEvent {}

    record TaskStart(int stageId, int stageAttemptId, TaskInfo taskInfo) implements EmberListenerEvent {}

    record TaskGettingResult(TaskInfo taskInfo) implements EmberListenerEvent {}

    /**
     * A task attempt ended.
     *
     * @param taskType {@code ShuffleMapTask} or {@code ResultTask}
     * @param metrics the attempt's metrics, or null when the executor could not report them
     */
    record TaskEnd(
            int stageId,
            int stageAttemptId,
            String taskType,
            TaskEndReason reason,
            TaskInfo taskInfo,
            TaskMetrics metrics)
            implements EmberListenerEvent {}

    record SpeculativeTaskSubmitted(int stageId, int stageAttemptId, int taskIndex) implements EmberListenerEvent {}

    record ExecutorAdded(long time, String executorId, String host, int cores) implements EmberListenerEvent {}

    record ExecutorRemoved(long time, String executorId, String reason) implements EmberListenerEvent {}

    record BlockManagerAdded(long time, BlockManagerId blockManagerId, long maxOnHeapMemory, long maxOffHeapMemory)
            implements EmberListenerEvent {}

    record BlockUpdated(BlockManagerId blockManagerId, BlockId blockId, BlockStatus status)
            implements EmberListenerEvent {}

    record UnpersistRdd(int rddId) implements EmberListenerEvent {}

    /**
     * What an executor process's JVM and block manager hold now, reported every
     * {@code ember.executor.metrics.interval} in cluster mode: {@code JVMHeapMemory}, {@code JVMHeapCommitted},
     * {@code JVMHeapMax}, {@code JVMOffHeapMemory}, {@code GCCount}, {@code GCTime} (ms), {@code Threads},
     * {@code StorageMemoryUsed}, {@code StorageMemoryMax}.
     */
    record ExecutorMetricsUpdate(long time, String executorId, Map<String, Long> metrics)
            implements EmberListenerEvent {}

    /** Events defined by other modules (SQL, streaming) extend this. */
    non-sealed interface Custom extends EmberListenerEvent {}
}
