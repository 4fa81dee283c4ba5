package dev.ember.rdd;

import dev.ember.Partition;
import dev.ember.StorageLevel;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockResult;
import dev.ember.util.InterruptibleIterator;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Reading a persisted RDD's partition through the cache: the executor's block manager returns the cached block if it
 * has one (counted as the task's input), or computes the partition, stores it at the RDD's storage level and returns
 * the values as they are computed. Outside a task of this engine (a test's own task context) the partition is just
 * computed.
 */
public final class CachedPartitions {
    private CachedPartitions() {}

    /** The values of partition {@code split} of RDD {@code rddId}, cached at {@code level}. */
    @SuppressWarnings("unchecked")
    public static <T> Iterator<T> getOrCompute(
            int rddId, Partition split, StorageLevel level, TaskContext taskContext, Supplier<Iterator<T>> compute) {
        if (!(taskContext instanceof TaskContextImpl task)) {
            return compute.get();
        }
        BlockManager blockManager = task.env().blockManager();
        BlockId blockId = new BlockId.RddBlockId(rddId, split.index());
        BlockManager.CachedOrComputed<T> result = blockManager.getOrElseUpdate(blockId, level, compute);
        if (result.cached().isPresent()) {
            BlockResult cached = result.cached().get();
            task.taskMetrics().inputMetrics().incBytesRead(cached.bytes());
            return InterruptibleIterator.wrap(taskContext, (Iterator<T>) cached.values());
        }
        return result.computed();
    }
}
