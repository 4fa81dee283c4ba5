package dev.ember.ui.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The records of the REST API. Times are strings such as {@code 2026-12-05T10:15:30.000GMT}, as Spark writes them. */
public final class ApiTypes {
    private ApiTypes() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationInfo(
            String id,
            String name,
            Integer coresGranted,
            Integer maxCores,
            Integer coresPerExecutor,
            Integer memoryPerExecutorMB,
            List<ApplicationAttemptInfo> attempts) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationAttemptInfo(
            String attemptId,
            String startTime,
            String endTime,
            String lastUpdated,
            long duration,
            String sparkUser,
            boolean completed,
            String appSparkVersion,
            long startTimeEpoch,
            long endTimeEpoch,
            long lastUpdatedEpoch) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobData(
            int jobId,
            String name,
            String description,
            String submissionTime,
            String completionTime,
            List<Integer> stageIds,
            String jobGroup,
            List<String> jobTags,
            String status,
            int numTasks,
            int numActiveTasks,
            int numCompletedTasks,
            int numSkippedTasks,
            int numFailedTasks,
            int numKilledTasks,
            int numCompletedIndices,
            int numActiveStages,
            int numCompletedStages,
            int numSkippedStages,
            int numFailedStages,
            Map<String, Integer> killedTasksSummary) {}

    /** A stage attempt; {@code tasks} and {@code executorSummary} only when asked for with {@code details=true}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageData(
            String status,
            int stageId,
            int attemptId,
            int numTasks,
            int numActiveTasks,
            int numCompleteTasks,
            int numFailedTasks,
            int numKilledTasks,
            int numCompletedIndices,
            String submissionTime,
            String firstTaskLaunchedTime,
            String completionTime,
            String failureReason,
            long executorDeserializeTime,
            long executorDeserializeCpuTime,
            long executorRunTime,
            long executorCpuTime,
            long resultSize,
            long jvmGcTime,
            long resultSerializationTime,
            long memoryBytesSpilled,
            long diskBytesSpilled,
            long peakExecutionMemory,
            long inputBytes,
            long inputRecords,
            long outputBytes,
            long outputRecords,
            long shuffleRemoteBlocksFetched,
            long shuffleLocalBlocksFetched,
            long shuffleFetchWaitTime,
            long shuffleRemoteBytesRead,
            long shuffleLocalBytesRead,
            long shuffleReadBytes,
            long shuffleReadRecords,
            long shuffleWriteBytes,
            long shuffleWriteTime,
            long shuffleWriteRecords,
            String name,
            String description,
            String details,
            String schedulingPool,
            List<Integer> rddIds,
            List<Integer> jobIds,
            List<AccumulableInfo> accumulatorUpdates,
            Map<String, TaskData> tasks,
            Map<String, ExecutorStageSummary> executorSummary,
            Map<String, Integer> killedTasksSummary) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccumulableInfo(long id, String name, String update, String value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskData(
            long taskId,
            int index,
            int attempt,
            int partitionId,
            String launchTime,
            String resultFetchStart,
            Long duration,
            String executorId,
            String host,
            String status,
            String taskLocality,
            boolean speculative,
            List<AccumulableInfo> accumulatorUpdates,
            String errorMessage,
            TaskMetricsData taskMetrics,
            Map<String, String> executorLogs,
            long schedulerDelay,
            long gettingResultTime) {}

    public record TaskMetricsData(
            long executorDeserializeTime,
            long executorDeserializeCpuTime,
            long executorRunTime,
            long executorCpuTime,
            long resultSize,
            long jvmGcTime,
            long resultSerializationTime,
            long memoryBytesSpilled,
            long diskBytesSpilled,
            long peakExecutionMemory,
            InputMetrics inputMetrics,
            OutputMetrics outputMetrics,
            ShuffleReadMetrics shuffleReadMetrics,
            ShuffleWriteMetrics shuffleWriteMetrics) {}

    public record InputMetrics(long bytesRead, long recordsRead) {}

    public record OutputMetrics(long bytesWritten, long recordsWritten) {}

    public record ShuffleReadMetrics(
            long remoteBlocksFetched,
            long localBlocksFetched,
            long fetchWaitTime,
            long remoteBytesRead,
            long remoteBytesReadToDisk,
            long localBytesRead,
            long recordsRead) {}

    public record ShuffleWriteMetrics(long bytesWritten, long writeTime, long recordsWritten) {}

    /**
     * Quantiles of the successful tasks' metrics: each list holds one value per entry of {@code quantiles}.
     */
    public record TaskMetricDistributions(
            List<Double> quantiles,
            List<Double> duration,
            List<Double> executorDeserializeTime,
            List<Double> executorDeserializeCpuTime,
            List<Double> executorRunTime,
            List<Double> executorCpuTime,
            List<Double> resultSize,
            List<Double> jvmGcTime,
            List<Double> resultSerializationTime,
            List<Double> gettingResultTime,
            List<Double> schedulerDelay,
            List<Double> peakExecutionMemory,
            List<Double> memoryBytesSpilled,
            List<Double> diskBytesSpilled,
            InputMetricDistributions inputMetrics,
            OutputMetricDistributions outputMetrics,
            ShuffleReadMetricDistributions shuffleReadMetrics,
            ShuffleWriteMetricDistributions shuffleWriteMetrics) {}

    public record InputMetricDistributions(List<Double> bytesRead, List<Double> recordsRead) {}

    public record OutputMetricDistributions(List<Double> bytesWritten, List<Double> recordsWritten) {}

    public record ShuffleReadMetricDistributions(
            List<Double> readBytes,
            List<Double> readRecords,
            List<Double> remoteBlocksFetched,
            List<Double> localBlocksFetched,
            List<Double> fetchWaitTime,
            List<Double> remoteBytesRead,
            List<Double> totalBlocksFetched) {}

    public record ShuffleWriteMetricDistributions(
            List<Double> writeBytes, List<Double> writeRecords, List<Double> writeTime) {}

    public record ExecutorStageSummary(
            long taskTime,
            int failedTasks,
            int succeededTasks,
            int killedTasks,
            long inputBytes,
            long inputRecords,
            long outputBytes,
            long outputRecords,
            long shuffleRead,
            long shuffleReadRecords,
            long shuffleWrite,
            long shuffleWriteRecords,
            long memoryBytesSpilled,
            long diskBytesSpilled,
            boolean isExcludedForStage) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExecutorSummary(
            String id,
            String hostPort,
            boolean isActive,
            int rddBlocks,
            long memoryUsed,
            long diskUsed,
            int totalCores,
            int maxTasks,
            int activeTasks,
            int failedTasks,
            int completedTasks,
            int totalTasks,
            long totalDuration,
            long totalGCTime,
            long totalInputBytes,
            long totalShuffleRead,
            long totalShuffleWrite,
            boolean isBlacklisted,
            boolean isExcluded,
            long maxMemory,
            String addTime,
            String removeTime,
            String removeReason,
            Map<String, String> executorLogs,
            MemoryMetrics memoryMetrics,
            Map<String, Long> peakMemoryMetrics) {}

    public record MemoryMetrics(
            long usedOnHeapStorageMemory,
            long usedOffHeapStorageMemory,
            long totalOnHeapStorageMemory,
            long totalOffHeapStorageMemory) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RDDStorageInfo(
            int id,
            String name,
            int numPartitions,
            int numCachedPartitions,
            String storageLevel,
            long memoryUsed,
            long diskUsed,
            List<RDDDataDistribution> dataDistribution,
            List<RDDPartitionInfo> partitions) {}

    public record RDDDataDistribution(String address, long memoryUsed, long memoryRemaining, long diskUsed) {}

    public record RDDPartitionInfo(
            String blockName, String storageLevel, long memoryUsed, long diskUsed, List<String> executors) {}

    public record ApplicationEnvironmentInfo(
            RuntimeInfo runtime,
            List<List<String>> sparkProperties,
            List<List<String>> hadoopProperties,
            List<List<String>> systemProperties,
            List<List<String>> metricsProperties,
            List<List<String>> classpathEntries,
            List<Object> resourceProfiles) {}

    public record RuntimeInfo(String javaVersion, String javaHome, String scalaVersion) {}

    public record ThreadStackTrace(
            long threadId,
            String threadName,
            String threadState,
            String stackTrace,
            Long blockedByThreadId,
            String blockedByLock,
            List<String> holdingLocks) {}

    /** A SQL query's execution, as Spark's {@code /sql} answers it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExecutionData(
            long id,
            String status,
            String description,
            String planDescription,
            String submissionTime,
            long duration,
            List<Integer> runningJobIds,
            List<Integer> successJobIds,
            List<Integer> failedJobIds,
            List<SqlNode> nodes,
            List<SqlEdge> edges,
            String errorMessage) {}

    public record SqlNode(long nodeId, String nodeName, String description, List<SqlMetricValue> metrics) {}

    /** A node's metric: {@code value} as shown ({@code 1,000}, {@code 12 ms}, {@code 1.5 KiB}), {@code raw} as counted. */
    public record SqlMetricValue(String name, String value, long raw) {}

    public record SqlEdge(long fromId, long toId) {}

    /** An error answer: what was not found or not understood. */
    public record ApiError(int status, String error) {}
}
