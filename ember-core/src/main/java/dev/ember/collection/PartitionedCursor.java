package dev.ember.collection;

/**
 * Walks records of an in-memory collection in (partition, key) order without allocating per record. Call
 * {@link #advance()} before reading each record.
 */
interface PartitionedCursor<K, V> {
    /**
     * A cursor over parallel arrays, visiting positions in {@code order}; {@code keyView} turns a stored key into
     * the key to return (a collection may store null keys as a marker).
     */
    @SuppressWarnings("unchecked")
    static <K, V> PartitionedCursor<K, V> overArrays(
            int[] order,
            int[] partitions,
            Object[] keys,
            Object[] values,
            java.util.function.UnaryOperator<Object> keyView) {
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
                return (K) keyView.apply(keys[index]);
            }

            @Override
            public V value() {
                return (V) values[index];
            }
        };
    }

    /** Moves to the next record; false at the end. */
    boolean advance();

    int partition();

    K key();

    V value();
}
