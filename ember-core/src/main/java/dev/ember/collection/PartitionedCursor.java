package dev.ember.collection;

import java.util.Comparator;

/**
 * Walks records of an in-memory collection in (partition, key) order without allocating per record. Call
 * {@link #advance()} before reading each record.
 */
interface PartitionedCursor<K, V> {
    /** A cursor over parallel arrays, visiting positions in {@code order}. */
    @SuppressWarnings("unchecked")
    private static <K, V> PartitionedCursor<K, V> overArrays(
            int[] order, int[] partitions, Object[] keys, Object[] values) {
        return new PartitionedCursor<>() {
            private int position = -1;
            private int index;

            @Override
            public boolean advance() {
                if (++position >= order.length) {
                    return false;
                }
                index = order[position];
                return true;
            }

            @Override
            public int partition() {
                return partitions[index];
            }

            @Override
            public K key() {
                return (K) keys[index];
            }

            @Override
            public V value() {
                return (V) values[index];
            }
        };
    }

    /**
     * A cursor over the first {@code count} entries of parallel arrays, by partition, then by {@code order}
     * ({@link KeyOrder.ByHash} sorts hash codes read once per key).
     */
    static <K, V> PartitionedCursor<K, V> sorted(
            Object[] keys, Object[] values, int[] partitions, int count, int numPartitions, KeyOrder<? super K> order) {
        int[] sorted;
        if (order instanceof KeyOrder.ByHash) {
            int[] hashes = new int[count];
            for (int i = 0; i < count; i++) {
                hashes[i] = KeyOrder.hashCodeOf(keys[i]);
            }
            sorted = IntSorter.orderByPartitionThenHash(partitions, hashes, count, numPartitions);
        } else if (order instanceof KeyOrder.ByComparator<? super K> byComparator) {
            Comparator<? super K> ordering = byComparator.ordering();
            @SuppressWarnings("unchecked")
            IntSorter.IntComparator byKey = (first, second) -> ordering.compare((K) keys[first], (K) keys[second]);
            sorted = IntSorter.orderByPartition(partitions, count, numPartitions, byKey);
        } else {
            sorted = IntSorter.orderByPartition(partitions, count, numPartitions, null);
        }
        return overArrays(sorted, partitions, keys, values);
    }

    /** Moves to the next record; false at the end. */
    boolean advance();

    int partition();

    K key();

    V value();
}
