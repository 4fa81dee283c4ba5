package dev.ember.collection;

import dev.ember.Aggregator;

/**
 * An open-addressing hash map from key to a combiner, with the partition of each key, for aggregation by key. A
 * key's partition is a function of the key (the partitioner's), so a key is found by the key alone and its partition
 * is written once, when the key arrives. Keys are never removed; null keys are allowed. Probes and grows as
 * {@link OpenAddressing} says (quadratic probing, power-of-two capacity, doubling at 70% load). After
 * {@link #destructiveSortedCursor} the map is unusable.
 *
 * <p>Layout: one array of power-of-two capacity holding each key next to its combiner, so that a probe touches one
 * cache line. The partition of each entry is kept in a separate array that probing never
 * reads; it is allocated only when an entry outside partition 0 arrives, so the reduce side, where everything is in
 * one partition, never has one.
 *
 * <p>A merge that returns the combiner it was given (one merged in place, see {@link InPlaceMerge}) leaves the
 * table untouched; combiners are read out through {@link InPlaceMerge#result}.
 */
final class PartitionedAppendOnlyMap<K, C> {
    private static final Object NULL_KEY = new Object();

    private int capacity;
    private int mask;
    /** Key at {@code 2 * slot}, combiner at {@code 2 * slot + 1}. */
    private Object[] data;
    /** Partition of each slot; null while every entry is in partition 0. */
    private int[] partitions;

    private int size;
    private int growThreshold;
    private final SizeTracker tracker = new SizeTracker(this);

    PartitionedAppendOnlyMap() {
        this(0);
    }

    /** A map with room for {@code expectedEntries} before it grows. */
    PartitionedAppendOnlyMap(int expectedEntries) {
        allocate(OpenAddressing.capacityFor(expectedEntries), false);
    }

    private void allocate(int newCapacity, boolean withPartitions) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        data = new Object[2 * newCapacity];
        partitions = withPartitions ? new int[newCapacity] : null;
        growThreshold = OpenAddressing.growThreshold(newCapacity);
    }

    private static int hash(Object key) {
        return OpenAddressing.spread(key == NULL_KEY ? 0 : key.hashCode());
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
        int slot = OpenAddressing.firstSlot(hash(stored), mask);
        for (int step = 1; ; step++) {
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
            slot = OpenAddressing.nextSlot(slot, step, mask);
        }
    }

    /** The combiner of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    C get(K key) {
        Object stored = key == null ? NULL_KEY : key;
        Object[] table = data;
        int slot = OpenAddressing.firstSlot(hash(stored), mask);
        for (int step = 1; ; step++) {
            Object existing = table[2 * slot];
            if (existing == null) {
                return null;
            }
            if (existing == stored || existing.equals(stored)) {
                return (C) InPlaceMerge.result(table[2 * slot + 1]);
            }
            slot = OpenAddressing.nextSlot(slot, step, mask);
        }
    }

    private void grow() {
        Object[] oldData = data;
        int[] oldPartitions = partitions;
        allocate(OpenAddressing.grownCapacity(capacity), oldPartitions != null);
        for (int old = 0; old < oldData.length / 2; old++) {
            Object key = oldData[2 * old];
            if (key == null) {
                continue;
            }
            int slot = OpenAddressing.firstSlot(hash(key), mask);
            for (int step = 1; data[2 * slot] != null; step++) {
                slot = OpenAddressing.nextSlot(slot, step, mask);
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

    /** The entries by partition, then by {@code order}. Leaves the map unusable. */
    PartitionedCursor<K, C> destructiveSortedCursor(int numPartitions, KeyOrder<? super K> order) {
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
        return PartitionedCursor.sorted(keyArray, combinerArray, partitionArray, count, numPartitions, order);
    }

    @SuppressWarnings("unchecked")
    private static <K> K unmask(Object stored) {
        return stored == NULL_KEY ? null : (K) stored;
    }
}
