package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import java.util.Iterator;

/**
 * The build side of a hash join: every key of one input with its values, held in memory so that the other input
 * can stream past it. The table asks the task's memory manager for room as it grows; when it cannot get enough it
 * gives up, empties itself and returns its memory, and the join falls back to grouping both sides (which spills).
 * It never spills itself, so asked by another consumer it frees nothing. Owned by the task thread that makes it,
 * which alone inserts (checked under {@code assert}); the other input may be streamed past it from another thread.
 */
public final class HashJoinTable<K, V> extends MemoryConsumer {
    private final SpillContext spill;
    private PartitionedAppendOnlyMap<K, CompactBuffer<V>> map = new PartitionedAppendOnlyMap<>();
    /** The task thread that inserts. */
    private final Thread owner = Thread.currentThread();

    private long memoryThreshold;
    private long records;

    public HashJoinTable(SpillContext spill) {
        super(spill.taskMemoryManager(), MemoryMode.ON_HEAP);
        this.spill = spill;
        this.memoryThreshold = spill.initialMemoryThreshold();
    }

    /**
     * Adds every record; false if memory ran out first, in which case the table is empty and holds no memory.
     */
    public boolean insertAll(Iterator<? extends Pair<K, V>> input) {
        assert Thread.currentThread() == owner
                : "insertAll on " + Thread.currentThread() + ", not the table's task thread " + owner;
        Aggregator<K, V, CompactBuffer<V>> values = CompactBuffer.grouping();
        while (input.hasNext()) {
            Pair<K, V> record = input.next();
            map.insert(0, record.key(), record.value(), values);
            if (++records % 32 == 0 && !makeRoom()) {
                release();
                return false;
            }
        }
        spill.metrics().setPeakExecutionMemory(map.estimateSize());
        return true;
    }

    private boolean makeRoom() {
        long size = map.estimateSize();
        if (size < memoryThreshold) {
            return true;
        }
        memoryThreshold += acquireMemory(2 * size - memoryThreshold);
        return size < memoryThreshold;
    }

    /** The values of {@code key}, or null when it has none. */
    public CompactBuffer<V> get(K key) {
        return map.get(key);
    }

    public int keys() {
        return map.size();
    }

    /** Drops the table and returns its memory; called when the join is done or gives up. */
    public void release() {
        map = new PartitionedAppendOnlyMap<>();
        freeMemory(used());
        memoryThreshold = spill.initialMemoryThreshold();
    }

    @Override
    public long spill(long size, MemoryConsumer trigger) {
        return 0;
    }

    @Override
    public String toString() {
        return "HashJoinTable(" + records + " records)";
    }
}
