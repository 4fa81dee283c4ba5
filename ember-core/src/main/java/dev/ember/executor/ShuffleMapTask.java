package dev.ember.executor;

import dev.ember.BlockShuffleDependency;
import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.shuffle.MapStatus;
import dev.ember.shuffle.ShuffleManager;
import dev.ember.shuffle.ShuffleWriter;

/**
 * Computes a partition of a shuffle's parent RDD and writes it into the shuffle. Its binary is the pair
 * (parent RDD, shuffle dependency); its result is where the output went.
 */
public final class ShuffleMapTask extends Task<MapStatus> {
    private static final long serialVersionUID = 1L;

    public ShuffleMapTask(
            int stageId, int stageAttemptId, int jobId, Partition partition, int numPartitions, byte[] taskBinary) {
        super(stageId, stageAttemptId, jobId, partition, numPartitions, taskBinary);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected MapStatus runTask(TaskContextImpl context) throws Exception {
        TaskBinary binary = deserializeBinary(context);
        ShuffleManager shuffleManager = context.env().shuffleManager();
        if (binary.work() instanceof BlockShuffleDependency<?> blocks) {
            RDD<Object> rdd = (RDD<Object>) binary.rdd();
            return shuffleManager.writeBlocks(
                    ((BlockShuffleDependency<Object>) blocks).handle(),
                    context.taskAttemptId(),
                    rdd.iterator(partition(), context),
                    context,
                    context.spillContext());
        }
        RDD<Pair<Object, Object>> rdd = (RDD<Pair<Object, Object>>) binary.rdd();
        PairShuffleDependency<Object, Object, Object> dependency =
                (PairShuffleDependency<Object, Object, Object>) binary.work();

        ShuffleWriter<Object, Object> writer =
                shuffleManager.getWriter(dependency.handle(), context.taskAttemptId(), context, context.spillContext());
        boolean success = false;
        try {
            writer.write(rdd.iterator(partition(), context));
            success = true;
            return writer.stop(true).orElseThrow(() -> new IllegalStateException("Shuffle writer produced no status"));
        } finally {
            if (!success) {
                writer.stop(false);
            }
        }
    }

    @Override
    public String toString() {
        return "ShuffleMapTask(" + stageId() + ", " + partitionId() + ")";
    }
}
