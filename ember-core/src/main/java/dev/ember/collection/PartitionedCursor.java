package dev.ember.collection;

/**
 * Walks records of an in-memory collection in (partition, key) order without allocating per record. Call
 * {@link #advance()} before reading each record.
 */
interface PartitionedCursor<K, V> {
    /** Moves to the next record; false at the end. */
    boolean advance();

    int partition();

    K key();

    V value();
}
