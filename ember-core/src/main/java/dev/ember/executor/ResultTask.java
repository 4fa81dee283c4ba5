package dev.ember.executor;

import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.function.TaskFunction;

/**
 * Computes a partition of a job's final RDD and applies the job's function to it; the function's result goes back
 * to the driver. Its binary is the pair (RDD, function).
 */
public final class ResultTask<T, U> extends Task<U> {
    private static final long serialVersionUID = 1L;

    private final int outputId;

    /**
     * @param outputId the index of this partition among the job's partitions
     */
    public ResultTask(
            int stageId,
            int stageAttemptId,
            int jobId,
            Partition partition,
            int numPartitions,
            byte[] taskBinary,
            int outputId) {
        super(stageId, stageAttemptId, jobId, partition, numPartitions, taskBinary);
        this.outputId = outputId;
    }

    public int outputId() {
        return outputId;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected U runTask(TaskContextImpl context) throws Exception {
        TaskBinary binary = deserializeBinary(context);
        RDD<T> rdd = (RDD<T>) binary.rdd();
        TaskFunction<T, U> function = (TaskFunction<T, U>) binary.work();
        return function.call(context, rdd.iterator(partition(), context));
    }

    @Override
    public String toString() {
        return "ResultTask(" + stageId() + ", " + partitionId() + ")";
    }
}
