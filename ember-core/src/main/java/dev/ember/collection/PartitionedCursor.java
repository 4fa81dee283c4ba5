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
     * A cursor over the first {@code count} entries of parallel arrays, by partition, then by {@code keyComparator}
     * if given ({@link PartitionedAppendOnlyMap#HASH_ORDER} compares hash codes read once per key).
     */
    static <K, V> PartitionedCursor<K, V> sorted(
            Object[] keys,
            Object[] values,
            int[] partitions,
            int count,
            int numPartitions,
            Comparator<? super K> keyComparator) {
        int[] order;
        if (keyComparator == PartitionedAppendOnlyMap.HASH_ORDER) {
            int[] hashes = new int[count];
            for (int i = 0; i < count; i++) {
                hashes[i] = PartitionedAppendOnlyMap.hashCodeOf(keys[i]);
            }
            order = IntSorter.orderByPartitionThenHash(partitions, hashes, count, numPartitions);
        } else {
            @SuppressWarnings("unchecked")
            IntSorter.IntComparator byKey = keyComparator == null
                    ? null
                    : (first, second) -> keyComparator.compare((K) keys[first], (K) keys[second]);
            order = IntSorter.orderByPartition(partitions, count, numPartitions, byKey);
        }
        return overArrays(order, partitions, keys, values);
    }

    /** Moves to the next record; false at the end. */
    boolean advance();

    int partition();

    K key();

    V value();
}
