package dev.ember;

import dev.ember.function.SerializableComparator;
import dev.ember.util.XorShiftRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts keys into partitions by ranges, so that partition {@code i} holds keys smaller than those of partition
 * {@code i + 1}: the partitioner of {@code sortByKey}. The range bounds are chosen from a sample of the keys (one
 * job when the partitioner is created), weighting each partition's sample by its size so that partitions come
 * out about equally large even when the input partitions are skewed.
 */
public final class RangePartitioner<K> extends Partitioner {
    private static final long serialVersionUID = 1L;

    /** Sample about this many keys per output partition. */
    private static final int SAMPLE_PER_PARTITION = 20;

    private static final int MAX_SAMPLE = 1_000_000;
    private static final int LINEAR_SEARCH_LIMIT = 128;

    private final Object[] bounds;
    private final SerializableComparator<K> ordering;

    /**
     * @param partitions desired partition count (fewer result if there are fewer distinct keys)
     * @param rdd the pairs to be partitioned; its keys are sampled
     * @param ordering the key order (already reversed for descending sorts)
     */
    public RangePartitioner(int partitions, RDD<? extends Pair<K, ?>> rdd, SerializableComparator<K> ordering) {
        if (partitions < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Number of partitions cannot be negative but found " + partitions);
        }
        this.ordering = ordering;
        this.bounds = partitions <= 1 || rdd.getNumPartitions() == 0
                ? new Object[0]
                : computeBounds(partitions, rdd, ordering);
    }

    /** A partitioner with the given bounds, for tests and for rebuilding one. */
    public RangePartitioner(Object[] bounds, SerializableComparator<K> ordering) {
        this.bounds = bounds.clone();
        this.ordering = ordering;
    }

    private record Sketch(int partition, long count, Object[] sample) implements java.io.Serializable {}

    @SuppressWarnings("unchecked")
    private static <K> Object[] computeBounds(
            int partitions, RDD<? extends Pair<K, ?>> rdd, SerializableComparator<K> ordering) {
        int sampleSize = Math.min(SAMPLE_PER_PARTITION * partitions, MAX_SAMPLE);
        int perPartition = (int) Math.ceil(3.0 * sampleSize / rdd.getNumPartitions());
        long seed = rdd.id();
        RDD<Pair<K, ?>> pairs = (RDD<Pair<K, ?>>) rdd;
        List<Sketch> sketches = rdd.context().runJob(pairs, (task, values) -> {
            XorShiftRandom random = new XorShiftRandom(seed + task.partitionId());
            Object[] reservoir = new Object[perPartition];
            long count = 0;
            while (values.hasNext()) {
                Object key = values.next().key();
                if (count < perPartition) {
                    reservoir[(int) count] = key;
                } else {
                    long slot = (long) (random.nextDouble() * (count + 1));
                    if (slot < perPartition) {
                        reservoir[(int) slot] = key;
                    }
                }
                count++;
            }
            return new Sketch(task.partitionId(), count, Arrays.copyOf(reservoir, (int) Math.min(count, perPartition)));
        });
        long total = 0;
        for (Sketch sketch : sketches) {
            total += sketch.count();
        }
        if (total == 0) {
            return new Object[0];
        }
        List<Object> keys = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Sketch sketch : sketches) {
            if (sketch.sample().length == 0) {
                continue;
            }
            // Each sampled key stands for count / sampleLength keys of its partition.
            double weight = (double) sketch.count() / sketch.sample().length;
            for (Object key : sketch.sample()) {
                keys.add(key);
                weights.add(weight);
            }
        }
        return determineBounds(keys, weights, partitions, ordering);
    }

    @SuppressWarnings("unchecked")
    static <K> Object[] determineBounds(
            List<Object> keys, List<Double> weights, int partitions, Comparator<K> ordering) {
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ordering.compare((K) keys.get(a), (K) keys.get(b)));
        double totalWeight = 0;
        for (double weight : weights) {
            totalWeight += weight;
        }
        double step = totalWeight / partitions;
        double cumulative = 0;
        double target = step;
        List<Object> bounds = new ArrayList<>();
        Object previous = null;
        for (int i = 0; i < order.length && bounds.size() < partitions - 1; i++) {
            Object key = keys.get(order[i]);
            cumulative += weights.get(order[i]);
            if (cumulative >= target) {
                if (previous == null || ordering.compare((K) key, (K) previous) > 0) {
                    bounds.add(key);
                    target += step;
                    previous = key;
                }
            }
        }
        return bounds.toArray();
    }

    @Override
    public int numPartitions() {
        return bounds.length + 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public int getPartition(Object key) {
        K typed = (K) key;
        if (bounds.length <= LINEAR_SEARCH_LIMIT) {
            int partition = 0;
            while (partition < bounds.length && ordering.compare(typed, (K) bounds[partition]) > 0) {
                partition++;
            }
            return partition;
        }
        int low = 0;
        int high = bounds.length;
        // First bound not smaller than the key.
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ordering.compare((K) bounds[middle], typed) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The upper bounds of all partitions but the last, in order. */
    public List<Object> bounds() {
        return java.util.Collections.unmodifiableList(Arrays.asList(bounds));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangePartitioner<?> range
                && Arrays.equals(range.bounds, bounds)
                && range.ordering.getClass() == ordering.getClass();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "RangePartitioner(" + numPartitions() + ")";
    }
}
