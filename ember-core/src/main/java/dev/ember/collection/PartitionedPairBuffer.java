package dev.ember.collection;

import java.util.Arrays;

/**
 * Records (partition, key, value) appended to parallel arrays, for shuffles without map-side aggregation.
 * Sorting by partition is a counting sort; keys are compared only when an ordering is requested.
 */
final class PartitionedPairBuffer<K, V> implements PairBuffer<K, V> {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private int[] partitions;
    private Object[] keys;
    private Object[] values;
    private int size;
    private final SizeTracker tracker = new SizeTracker(this);

    PartitionedPairBuffer(int initialCapacity) {
        partitions = new int[initialCapacity];
        keys = new Object[initialCapacity];
        values = new Object[initialCapacity];
    }

    @Override
    public void insert(int partition, K key, V value) {
        if (size == keys.length) {
            grow();
        }
        partitions[size] = partition;
        keys[size] = key;
        values[size] = value;
        size++;
        tracker.afterUpdate();
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot buffer more than " + MAX_CAPACITY + " records");
        }
        int capacity = (int) Math.min(MAX_CAPACITY, Math.max(64L, keys.length * 2L));
        partitions = Arrays.copyOf(partitions, capacity);
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
        tracker.takeSample();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long estimateSize() {
        return tracker.estimateSize();
    }

    @Override
    public PartitionedCursor<K, V> destructiveSortedCursor(int numPartitions, KeyOrder<? super K> order) {
        PartitionedCursor<K, V> cursor = PartitionedCursor.sorted(keys, values, partitions, size, numPartitions, order);
        partitions = null;
        keys = null;
        values = null;
        size = 0;
        return cursor;
    }
}
