package dev.ember.ui.status;

import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/** Quantiles of the metrics of a stage's successful tasks, as {@code taskSummary} answers and the stage page shows. */
public final class TaskSummary {
    /** The quantiles shown by default: min, 25th percentile, median, 75th percentile, max. */
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    private TaskSummary() {}

    /** The distributions over the tasks of {@code tasks} that succeeded with metrics; empty when none did. */
    public static java.util.Optional<ApiTypes.TaskMetricDistributions> of(
            List<ApiTypes.TaskData> tasks, List<Double> quantiles) {
        List<ApiTypes.TaskData> done = new ArrayList<>();
        for (ApiTypes.TaskData task : tasks) {
            if ("SUCCESS".equals(task.status()) && task.taskMetrics() != null) {
                done.add(task);
            }
        }
        if (done.isEmpty()) {
            return java.util.Optional.empty();
        }
        Quantiles q = new Quantiles(done, quantiles);
        return java.util.Optional.of(new ApiTypes.TaskMetricDistributions(
                quantiles,
                q.of(t -> t.duration() == null ? 0 : t.duration()),
                q.of(t -> t.taskMetrics().executorDeserializeTime()),
                q.of(t -> t.taskMetrics().executorDeserializeCpuTime()),
                q.of(t -> t.taskMetrics().executorRunTime()),
                q.of(t -> t.taskMetrics().executorCpuTime()),
                q.of(t -> t.taskMetrics().resultSize()),
                q.of(t -> t.taskMetrics().jvmGcTime()),
                q.of(t -> t.taskMetrics().resultSerializationTime()),
                q.of(ApiTypes.TaskData::gettingResultTime),
                q.of(ApiTypes.TaskData::schedulerDelay),
                q.of(t -> t.taskMetrics().peakExecutionMemory()),
                q.of(t -> t.taskMetrics().memoryBytesSpilled()),
                q.of(t -> t.taskMetrics().diskBytesSpilled()),
                new ApiTypes.InputMetricDistributions(
                        q.of(t -> t.taskMetrics().inputMetrics().bytesRead()),
                        q.of(t -> t.taskMetrics().inputMetrics().recordsRead())),
                new ApiTypes.OutputMetricDistributions(
                        q.of(t -> t.taskMetrics().outputMetrics().bytesWritten()),
                        q.of(t -> t.taskMetrics().outputMetrics().recordsWritten())),
                new ApiTypes.ShuffleReadMetricDistributions(
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().remoteBytesRead()
                                + t.taskMetrics().shuffleReadMetrics().localBytesRead()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().recordsRead()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().remoteBlocksFetched()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().localBlocksFetched()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().fetchWaitTime()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().remoteBytesRead()),
                        q.of(t -> t.taskMetrics().shuffleReadMetrics().remoteBlocksFetched()
                                + t.taskMetrics().shuffleReadMetrics().localBlocksFetched())),
                new ApiTypes.ShuffleWriteMetricDistributions(
                        q.of(t -> t.taskMetrics().shuffleWriteMetrics().bytesWritten()),
                        q.of(t -> t.taskMetrics().shuffleWriteMetrics().recordsWritten()),
                        q.of(t -> t.taskMetrics().shuffleWriteMetrics().writeTime()))));
    }

    /** Parses {@code 0.05,0.5,0.95}: each a number in [0, 1]. */
    public static List<Double> parse(String text) {
        List<Double> quantiles = new ArrayList<>();
        for (String part : text.split(",")) {
            double value;
            try {
                value = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("quantiles must be numbers between 0 and 1, not '" + part + "'");
            }
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("quantiles must be between 0 and 1, not " + part.trim());
            }
            quantiles.add(value);
        }
        if (quantiles.size() > 100) {
            throw new IllegalArgumentException("at most 100 quantiles may be asked for at once");
        }
        return quantiles;
    }

    /** Nearest-rank quantiles of one metric over the same tasks. */
    private record Quantiles(List<ApiTypes.TaskData> tasks, List<Double> quantiles) {
        List<Double> of(ToLongFunction<ApiTypes.TaskData> metric) {
            long[] values = new long[tasks.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = metric.applyAsLong(tasks.get(i));
            }
            Arrays.sort(values);
            List<Double> answer = new ArrayList<>(quantiles.size());
            for (double q : quantiles) {
                int index = (int) Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))));
                answer.add((double) values[index]);
            }
            return answer;
        }
    }
}
