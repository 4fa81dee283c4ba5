package dev.ember.collection;

/**
 * Records (partition, key, value) appended without aggregation, then read out once in (partition, key) order: as
 * objects ({@link PartitionedPairBuffer}) or serialized ({@link SerializedPairBuffer}). {@link GroupBuffer} is read
 * out grouped instead: each key once, its values in one {@code CompactBuffer}, by hash code only.
 */
interface PairBuffer<K, V> {
    void insert(int partition, K key, V value);

    int size();

    /** Bytes the buffer holds, estimated. */
    long estimateSize();

    /** The records by partition, then by {@code order}. Leaves the buffer unusable. */
    PartitionedCursor<K, V> destructiveSortedCursor(int numPartitions, KeyOrder<? super K> order);
}
