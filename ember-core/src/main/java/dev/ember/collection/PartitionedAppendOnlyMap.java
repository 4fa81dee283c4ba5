package dev.ember.collection;

import dev.ember.Aggregator;
import java.util.Comparator;

/**
 * An open-addressing hash map from (partition, key) to a combiner, for aggregation by key. Keys are never removed;
 * null keys are allowed. Grows at 70% load. After {@link #destructiveSortedCursor} the map is unusable.
 *
 * <p>Layout: three parallel arrays (partition, key, combiner) of a power-of-two capacity, quadratic probing.
 */
final class PartitionedAppendOnlyMap<K, C> {
    private static final Object NULL_KEY = new Object();
    private static final double LOAD_FACTOR = 0.7;
    private static final int MAX_CAPACITY = 1 << 29;

    private int capacity;
    private int mask;
    private int[] partitions;
    private Object[] keys;
    private Object[] combiners;
    private int size;
    private int growThreshold;
    private final SizeTracker tracker = new SizeTracker(this);

    PartitionedAppendOnlyMap(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(64, initialCapacity) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        partitions = new int[newCapacity];
        keys = new Object[newCapacity];
        combiners = new Object[newCapacity];
        growThreshold = (int) (newCapacity * LOAD_FACTOR);
    }

    private static int hash(int partition, Object key) {
        int h = (key == NULL_KEY ? 0 : key.hashCode()) * 0x9E3779B9 + partition * 0x85EBCA6B;
        return h ^ (h >>> 16);
    }

    /** Adds {@code value} to the combiner of (partition, key), creating it with the aggregator if absent. */
    @SuppressWarnings("unchecked")
    <V> void insert(int partition, K key, V value, Aggregator<K, V, C> aggregator) {
        Object stored = key == null ? NULL_KEY : key;
        int position = hash(partition, stored) & mask;
        int step = 1;
        while (true) {
            Object existing = keys[position];
            if (existing == null) {
                keys[position] = stored;
                partitions[position] = partition;
                combiners[position] = aggregator.create(value);
                size++;
                if (size > growThreshold) {
                    grow();
                }
                tracker.afterUpdate();
                return;
            }
            if (partitions[position] == partition && (existing == stored || existing.equals(stored))) {
                combiners[position] = aggregator.mergeValue((C) combiners[position], value);
                tracker.afterUpdate();
                return;
            }
            position = (position + step) & mask;
            step++;
        }
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot hold more than " + (int) (MAX_CAPACITY * LOAD_FACTOR) + " keys");
        }
        int[] oldPartitions = partitions;
        Object[] oldKeys = keys;
        Object[] oldCombiners = combiners;
        allocate(capacity * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            Object key = oldKeys[i];
            if (key == null) {
                continue;
            }
            int position = hash(oldPartitions[i], key) & mask;
            int step = 1;
            while (keys[position] != null) {
                position = (position + step) & mask;
                step++;
            }
            keys[position] = key;
            partitions[position] = oldPartitions[i];
            combiners[position] = oldCombiners[i];
        }
        tracker.takeSample();
    }

    int size() {
        return size;
    }

    long estimateSize() {
        return tracker.estimateSize();
    }

    /** The entries by partition, then by {@code keyComparator} if given. Leaves the map unusable. */
    @SuppressWarnings("unchecked")
    PartitionedCursor<K, C> destructiveSortedCursor(int numPartitions, Comparator<? super K> keyComparator) {
        // Compact the occupied slots to the front, then order positions.
        int count = 0;
        for (int i = 0; i < capacity; i++) {
            if (keys[i] != null) {
                keys[count] = keys[i];
                partitions[count] = partitions[i];
                combiners[count] = combiners[i];
                count++;
            }
        }
        Object[] keyArray = keys;
        IntSorter.IntComparator byKey = keyComparator == null
                ? null
                : (first, second) -> keyComparator.compare(unmask(keyArray[first]), unmask(keyArray[second]));
        int[] order = IntSorter.orderByPartition(partitions, count, numPartitions, byKey);
        PartitionedCursor<K, C> cursor =
                PartitionedCursor.overArrays(order, partitions, keyArray, combiners, PartitionedAppendOnlyMap::unmask);
        keys = null;
        partitions = null;
        combiners = null;
        size = 0;
        return cursor;
    }

    @SuppressWarnings("unchecked")
    private static <K> K unmask(Object stored) {
        return stored == NULL_KEY ? null : (K) stored;
    }
}
