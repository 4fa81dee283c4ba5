package dev.ember.ui.status;

import dev.ember.events.TaskInfo;
import dev.ember.metrics.TaskMetrics;
import dev.ember.ui.api.ApiTypes;
import java.util.List;
import java.util.Map;

/** One task attempt: where it runs and, once it ended, how and with what metrics. Guarded by the store's lock. */
final class LiveTask {
    /** The attempt as last reported (a replayed log reports it anew at its end). */
    TaskInfo info;

    String status = "RUNNING";
    String errorMessage;
    TaskMetrics metrics;
    long finishTime;

    LiveTask(TaskInfo info) {
        this.info = info;
    }

    boolean finished() {
        return !status.equals("RUNNING");
    }

    long duration(long now) {
        return (finishTime > 0 ? finishTime : now) - info.launchTime();
    }

    /**
     * Time neither running nor fetching its result: launch to finish, less the executor's deserialize, run and
     * result serialization times.
     */
    long schedulerDelay() {
        if (metrics == null || finishTime <= 0) {
            return 0;
        }
        long gettingResult = gettingResultTime();
        long delay = duration(finishTime)
                - metrics.executorDeserializeTimeMillis()
                - metrics.executorRunTimeMillis()
                - metrics.resultSerializationTimeMillis()
                - gettingResult;
        return Math.max(0, delay);
    }

    long gettingResultTime() {
        long started = info.gettingResultTime();
        return started <= 0 ? 0 : Math.max(0, (finishTime > 0 ? finishTime : started) - started);
    }

    ApiTypes.TaskData snapshot(long now) {
        return new ApiTypes.TaskData(
                info.taskId(),
                info.index(),
                info.attemptNumber(),
                info.partitionId(),
                ApiTime.format(info.launchTime()),
                ApiTime.format(info.gettingResultTime()),
                finished() ? duration(now) : null,
                info.executorId(),
                info.host(),
                status,
                info.locality().name(),
                info.speculative(),
                List.of(),
                errorMessage,
                metrics == null ? null : metrics(metrics),
                Map.of(),
                schedulerDelay(),
                gettingResultTime());
    }

    static ApiTypes.TaskMetricsData metrics(TaskMetrics m) {
        return new ApiTypes.TaskMetricsData(
                m.executorDeserializeTimeMillis(),
                m.executorDeserializeCpuTimeNanos(),
                m.executorRunTimeMillis(),
                m.executorCpuTimeNanos(),
                m.resultSize(),
                m.jvmGcTimeMillis(),
                m.resultSerializationTimeMillis(),
                m.memoryBytesSpilled(),
                m.diskBytesSpilled(),
                m.peakExecutionMemory(),
                new ApiTypes.InputMetrics(
                        m.inputMetrics().bytesRead(), m.inputMetrics().recordsRead()),
                new ApiTypes.OutputMetrics(
                        m.outputMetrics().bytesWritten(), m.outputMetrics().recordsWritten()),
                new ApiTypes.ShuffleReadMetrics(
                        m.shuffleReadMetrics().remoteBlocksFetched(),
                        m.shuffleReadMetrics().localBlocksFetched(),
                        m.shuffleReadMetrics().fetchWaitTimeMillis(),
                        m.shuffleReadMetrics().remoteBytesRead(),
                        0,
                        m.shuffleReadMetrics().localBytesRead(),
                        m.shuffleReadMetrics().recordsRead()),
                new ApiTypes.ShuffleWriteMetrics(
                        m.shuffleWriteMetrics().bytesWritten(),
                        m.shuffleWriteMetrics().writeTimeNanos(),
                        m.shuffleWriteMetrics().recordsWritten()));
    }
}
