package dev.ember.collection;

import dev.ember.Aggregator;
import java.util.Comparator;

/**
 * An open-addressing hash map from key to a combiner, with the partition of each key, for aggregation by key. A
 * key's partition is a function of the key (the partitioner's), so a key is found by the key alone and its partition
 * is written once, when the key arrives. Keys are never removed; null keys are allowed. Grows at 70% load. After
 * {@link #destructiveSortedCursor} the map is unusable.
 *
 * <p>Layout: one array of power-of-two capacity holding each key next to its combiner, so that a probe touches one
 * cache line, and quadratic probing. The partition of each entry is kept in a separate array that probing never
 * reads; it is allocated only when an entry outside partition 0 arrives, so the reduce side, where everything is in
 * one partition, never has one.
 *
 * <p>A merge that returns the combiner it was given (one merged in place, see {@link InPlaceMerge}) leaves the
 * table untouched; combiners are read out through {@link InPlaceMerge#result}.
 */
final class PartitionedAppendOnlyMap<K, C> {
    private static final Object NULL_KEY = new Object();
    private static final double LOAD_FACTOR = 0.7;
    private static final int MAX_CAPACITY = 1 << 29;

    private int capacity;
    private int mask;
    /** Key at {@code 2 * slot}, combiner at {@code 2 * slot + 1}. */
    private Object[] data;
    /** Partition of each slot; null while every entry is in partition 0. */
    private int[] partitions;

    private int size;
    private int growThreshold;
    private final SizeTracker tracker = new SizeTracker(this);

    /**
     * Keys by hash code, a null key as 0: the order in which spills of an aggregation are merged. Given to
     * {@link #destructiveSortedCursor}, it sorts by hash codes read once per key instead of once per comparison.
     */
    static final Comparator<Object> HASH_ORDER = Comparator.comparingInt(PartitionedAppendOnlyMap::hashCodeOf);

    PartitionedAppendOnlyMap(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(64, initialCapacity) - 1) << 1;
        allocate(capacity, false);
    }

    private void allocate(int newCapacity, boolean withPartitions) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        data = new Object[2 * newCapacity];
        partitions = withPartitions ? new int[newCapacity] : null;
        growThreshold = (int) (newCapacity * LOAD_FACTOR);
    }

    private static int hash(Object key) {
        int h = (key == NULL_KEY ? 0 : key.hashCode()) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    static int hashCodeOf(Object key) {
        return key == null ? 0 : key.hashCode();
    }

    private int partitionAt(int slot) {
        return partitions == null ? 0 : partitions[slot];
    }

    /**
     * Adds {@code value} to the combiner of {@code key}, creating it with the aggregator if absent. {@code partition}
     * must be the same whenever the key is inserted.
     */
    @SuppressWarnings("unchecked")
    <V> void insert(int partition, K key, V value, Aggregator<K, V, C> aggregator) {
        if (partition != 0 && partitions == null) {
            partitions = new int[capacity];
        }
        Object stored = key == null ? NULL_KEY : key;
        Object[] table = data;
        int slot = hash(stored) & mask;
        int step = 1;
        while (true) {
            Object existing = table[2 * slot];
            if (existing == null) {
                table[2 * slot] = stored;
                table[2 * slot + 1] = aggregator.create(value);
                if (partitions != null) {
                    partitions[slot] = partition;
                }
                size++;
                if (size > growThreshold) {
                    grow();
                }
                tracker.afterUpdate();
                return;
            }
            if (existing == stored || existing.equals(stored)) {
                C current = (C) table[2 * slot + 1];
                C merged = aggregator.mergeValue(current, value);
                if (merged != current) {
                    // A combiner merged in place is not stored again: storing into a table the collector has
                    // promoted costs a card-marking barrier.
                    table[2 * slot + 1] = merged;
                }
                tracker.afterUpdate();
                return;
            }
            slot = (slot + step) & mask;
            step++;
        }
    }

    /** The combiner of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    C get(K key) {
        Object stored = key == null ? NULL_KEY : key;
        Object[] table = data;
        int slot = hash(stored) & mask;
        int step = 1;
        while (true) {
            Object existing = table[2 * slot];
            if (existing == null) {
                return null;
            }
            if (existing == stored || existing.equals(stored)) {
                return (C) InPlaceMerge.result(table[2 * slot + 1]);
            }
            slot = (slot + step) & mask;
            step++;
        }
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot hold more than " + (int) (MAX_CAPACITY * LOAD_FACTOR) + " keys");
        }
        Object[] oldData = data;
        int[] oldPartitions = partitions;
        allocate(capacity * 2, oldPartitions != null);
        for (int old = 0; old < oldData.length / 2; old++) {
            Object key = oldData[2 * old];
            if (key == null) {
                continue;
            }
            int slot = hash(key) & mask;
            int step = 1;
            while (data[2 * slot] != null) {
                slot = (slot + step) & mask;
                step++;
            }
            data[2 * slot] = key;
            data[2 * slot + 1] = oldData[2 * old + 1];
            if (partitions != null) {
                partitions[slot] = oldPartitions[old];
            }
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
        // Gather the entries into dense parallel arrays, then order positions.
        Object[] keyArray = new Object[size];
        Object[] combinerArray = new Object[size];
        int[] partitionArray = new int[size];
        int count = 0;
        for (int slot = 0; slot < capacity; slot++) {
            Object key = data[2 * slot];
            if (key != null) {
                keyArray[count] = unmask(key);
                combinerArray[count] = InPlaceMerge.result(data[2 * slot + 1]);
                partitionArray[count] = partitionAt(slot);
                count++;
            }
        }
        data = null;
        partitions = null;
        size = 0;
        return PartitionedCursor.sorted(keyArray, combinerArray, partitionArray, count, numPartitions, keyComparator);
    }

    @SuppressWarnings("unchecked")
    private static <K> K unmask(Object stored) {
        return stored == NULL_KEY ? null : (K) stored;
    }
}
