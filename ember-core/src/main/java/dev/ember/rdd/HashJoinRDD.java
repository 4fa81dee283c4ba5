package dev.ember.rdd;

import dev.ember.Dependency;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.ShuffleDependency;
import dev.ember.TaskContext;
import dev.ember.collection.CompactBuffer;
import dev.ember.collection.HashJoinTable;
import dev.ember.executor.TaskContextImpl;
import dev.ember.shuffle.MapOutputTracker;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The inner join of two pair RDDs, partitioned like {@code cogroup} but computed as a hash join: each task holds
 * one side of its partition in a {@link HashJoinTable} and streams the other side past it, so the larger side is
 * never held in memory. The side to hold is the smaller one, by the bytes its map outputs wrote for this partition
 * (a side read in place, without a shuffle, counts as larger). When the held side does not fit in the memory the
 * task can get, the partition falls back to grouping both sides by key, which spills.
 *
 * <p>Output pairs for one key follow the streamed side's order; across keys the order is the streamed side's.
 */
public final class HashJoinRDD<K, V, W> extends RDD<Pair<K, Pair<V, W>>> {
    private static final long serialVersionUID = 1L;

    private final Partitioner partitioner;

    public HashJoinRDD(PairRDD<K, V> left, PairRDD<K, W> right, Partitioner partitioner) {
        super(left.context(), CoGroupedRDD.dependencies(left.context(), List.of(left, right), partitioner));
        this.partitioner = partitioner;
    }

    @Override
    protected List<Partition> getPartitions() {
        return CoGroupedRDD.partitions(dependencies(), partitioner);
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<K, Pair<V, W>>> compute(Partition split, TaskContext context) {
        List<Dependency<?>> dependencies = dependencies();
        boolean holdLeft = bytesOf(dependencies.get(0), split, context) < bytesOf(dependencies.get(1), split, context);
        int held = holdLeft ? 0 : 1;
        HashJoinTable<K, Object> table = new HashJoinTable<>(((TaskContextImpl) context).spillContext());
        context.addTaskCompletionListener(ignored -> table.release());
        Iterator<? extends Pair<K, Object>> heldRecords =
                (Iterator<? extends Pair<K, Object>>) CoGroupedRDD.<K>parentRecords(dependencies, held, split, context);
        if (!table.insertAll(heldRecords)) {
            return grouped(dependencies, split, context);
        }
        Iterator<? extends Pair<K, Object>> streamed = (Iterator<? extends Pair<K, Object>>)
                CoGroupedRDD.<K>parentRecords(dependencies, 1 - held, split, context);
        return new Probe<>(streamed, table, holdLeft);
    }

    /** The bytes the map outputs of {@code dependency} hold for this partition; a narrow parent counts as infinite. */
    private static long bytesOf(Dependency<?> dependency, Partition split, TaskContext context) {
        if (!(dependency instanceof ShuffleDependency<?> shuffle)) {
            return Long.MAX_VALUE;
        }
        long bytes = 0;
        for (MapOutputTracker.BlocksByAddress blocks : ((TaskContextImpl) context)
                .env()
                .mapOutputTracker()
                .getMapSizesByExecutorId(
                        shuffle.shuffleId(), 0, shuffle.numMapPartitions(), split.index(), split.index() + 1)) {
            for (MapOutputTracker.ShuffleBlockInfo block : blocks.blocks()) {
                bytes += block.size();
            }
        }
        return bytes;
    }

    /** The join by grouping both sides, for a partition whose smaller side does not fit in memory. */
    @SuppressWarnings("unchecked")
    private Iterator<Pair<K, Pair<V, W>>> grouped(
            List<Dependency<?>> dependencies, Partition split, TaskContext context) {
        Iterator<Pair<K, Object[]>> groups = CoGroupedRDD.groups(dependencies, split, context);
        return new Iterator<>() {
            private K key;
            private Iterator<Pair<V, W>> pairs = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!pairs.hasNext()) {
                    if (!groups.hasNext()) {
                        return false;
                    }
                    Pair<K, Object[]> group = groups.next();
                    key = group.key();
                    pairs = PairActions.innerPairs(
                            Pair.of((Iterable<V>) group.value()[0], (Iterable<W>) group.value()[1]));
                }
                return true;
            }

            @Override
            public Pair<K, Pair<V, W>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return Pair.of(key, pairs.next());
            }
        };
    }

    /** Streams one side past the table of the other, pairing each record with every held value of its key. */
    private static final class Probe<K, V, W> implements Iterator<Pair<K, Pair<V, W>>> {
        private final Iterator<? extends Pair<K, Object>> streamed;
        private final HashJoinTable<K, Object> table;
        private final boolean heldIsLeft;
        private K key;
        private Object value;
        private CompactBuffer<Object> matches;
        private int nextMatch;

        Probe(Iterator<? extends Pair<K, Object>> streamed, HashJoinTable<K, Object> table, boolean heldIsLeft) {
            this.streamed = streamed;
            this.table = table;
            this.heldIsLeft = heldIsLeft;
        }

        @Override
        public boolean hasNext() {
            while (matches == null || nextMatch == matches.size()) {
                if (!streamed.hasNext()) {
                    table.release();
                    return false;
                }
                Pair<K, Object> record = streamed.next();
                key = record.key();
                value = record.value();
                matches = table.get(key);
                nextMatch = 0;
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Pair<K, Pair<V, W>> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object held = matches.get(nextMatch++);
            return Pair.of(key, heldIsLeft ? Pair.of((V) held, (W) value) : Pair.of((V) value, (W) held));
        }
    }
}
