package dev.ember.collection;

import dev.ember.Aggregator;
import java.util.Comparator;

/**
 * The aggregation map of a reduction by {@code Long} or {@code Integer} key with a merge {@link InPlaceMerge}
 * recognizes (the JDK's sum, max or min of {@code Long}, {@code Integer} or {@code Double} values), the combiner
 * starting as the first value ({@code reduceByKey} and the reduce side of every map-side-combined reduction). Keys
 * and combiners live in two long arrays: no object per entry, so a probe reads no key object, a merge stores no
 * reference (no write-barrier work), and the collector has nothing inside the map to trace. About 16 bytes a slot
 * against some 40 bytes an entry in {@link PartitionedAppendOnlyMap}, so a spilling reduction spills less often.
 *
 * <p>The first key decides the key class. A record the map cannot hold (a null, a key of another class, a value
 * that is not exactly the reduction's box) is refused with {@code false}; the caller then moves the entries into a
 * {@link PartitionedAppendOnlyMap} with {@link #toGeneric} and goes on there, where the user's function sees the
 * record as it would have.
 *
 * <p>Layout as in {@link PartitionedAppendOnlyMap}: power-of-two capacity, quadratic probing, growth at 70% load,
 * partitions in a separate array allocated once an entry outside partition 0 arrives. Key 0 marks an empty slot,
 * so the entry of key 0 is kept beside the table.
 */
final class PrimitiveReductionMap {
    private static final double LOAD_FACTOR = 0.7;
    private static final int MAX_CAPACITY = 1 << 29;

    private final InPlaceMerge.Reduction reduction;
    /** {@code Long.class} or {@code Integer.class} once the first key arrived. */
    private Class<?> keyClass;

    private int capacity;
    private int mask;
    private long[] keys;
    private long[] values;
    private int[] partitions;
    private int growThreshold;
    /** Entries, the one of key 0 included. */
    private int size;

    private boolean hasZeroKey;
    private long zeroKeyValue;
    private int zeroKeyPartition;

    PrimitiveReductionMap(InPlaceMerge.Reduction reduction) {
        this.reduction = reduction;
        allocate(64, false);
    }

    private void allocate(int newCapacity, boolean withPartitions) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        keys = new long[newCapacity];
        values = new long[newCapacity];
        partitions = withPartitions ? new int[newCapacity] : null;
        growThreshold = (int) (newCapacity * LOAD_FACTOR);
    }

    private static int hash(long key) {
        int h = Long.hashCode(key) * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * Merges {@code value} into the combiner of {@code key}; false, changing nothing, if the map cannot hold them.
     * {@code partition} must be the same whenever the key is inserted.
     */
    boolean insert(int partition, Object key, Object value) {
        if (key == null || !reduction.takes(value)) {
            return false;
        }
        Class<?> type = key.getClass();
        if (type != keyClass) {
            if (keyClass != null || (type != Long.class && type != Integer.class)) {
                return false;
            }
            keyClass = type;
        }
        long k = type == Long.class ? (Long) key : (Integer) key;
        long v = reduction.encode(value);
        if (partition != 0 && partitions == null) {
            partitions = new int[capacity];
        }
        if (k == 0) {
            if (hasZeroKey) {
                zeroKeyValue = reduction.apply(zeroKeyValue, v);
            } else {
                hasZeroKey = true;
                zeroKeyValue = v;
                zeroKeyPartition = partition;
                size++;
            }
            return true;
        }
        long[] table = keys;
        int slot = hash(k) & mask;
        int step = 1;
        while (true) {
            long existing = table[slot];
            if (existing == k) {
                values[slot] = reduction.apply(values[slot], v);
                return true;
            }
            if (existing == 0) {
                table[slot] = k;
                values[slot] = v;
                if (partitions != null) {
                    partitions[slot] = partition;
                }
                if (++size > growThreshold) {
                    grow();
                }
                return true;
            }
            slot = (slot + step) & mask;
            step++;
        }
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot hold more than " + (int) (MAX_CAPACITY * LOAD_FACTOR) + " keys");
        }
        long[] oldKeys = keys;
        long[] oldValues = values;
        int[] oldPartitions = partitions;
        allocate(capacity * 2, oldPartitions != null);
        for (int old = 0; old < oldKeys.length; old++) {
            long key = oldKeys[old];
            if (key == 0) {
                continue;
            }
            int slot = hash(key) & mask;
            int step = 1;
            while (keys[slot] != 0) {
                slot = (slot + step) & mask;
                step++;
            }
            keys[slot] = key;
            values[slot] = oldValues[old];
            if (partitions != null) {
                partitions[slot] = oldPartitions[old];
            }
        }
    }

    int size() {
        return size;
    }

    /** Bytes of the arrays: exact, no sampling needed. */
    long estimateSize() {
        return 16L * capacity + (partitions == null ? 0 : 4L * capacity) + 96;
    }

    /** Calls {@code visitor} with each entry, boxed; the order is the table's. */
    private void forEach(EntryVisitor visitor) {
        if (hasZeroKey) {
            visitor.visit(zeroKeyPartition, boxKey(0), reduction.decode(zeroKeyValue));
        }
        for (int slot = 0; slot < capacity; slot++) {
            if (keys[slot] != 0) {
                visitor.visit(
                        partitions == null ? 0 : partitions[slot], boxKey(keys[slot]), reduction.decode(values[slot]));
            }
        }
    }

    private Object boxKey(long key) {
        if (keyClass == Long.class) {
            return key;
        }
        return (int) key;
    }

    @FunctionalInterface
    private interface EntryVisitor {
        void visit(int partition, Object key, Object value);
    }

    /** The entries by partition, then by {@code keyComparator} if given. Leaves the map unusable. */
    PartitionedCursor<Object, Object> destructiveSortedCursor(int numPartitions, Comparator<Object> keyComparator) {
        Object[] keyArray = new Object[size];
        Object[] valueArray = new Object[size];
        int[] partitionArray = new int[size];
        int[] count = {0};
        forEach((partition, key, value) -> {
            keyArray[count[0]] = key;
            valueArray[count[0]] = value;
            partitionArray[count[0]] = partition;
            count[0]++;
        });
        keys = null;
        values = null;
        partitions = null;
        return PartitionedCursor.sorted(keyArray, valueArray, partitionArray, count[0], numPartitions, keyComparator);
    }

    /** The same entries in a map that holds anything, merging with {@code aggregator}. Leaves this map unusable. */
    <K, V> PartitionedAppendOnlyMap<K, V> toGeneric(Aggregator<K, V, V> aggregator) {
        PartitionedAppendOnlyMap<K, V> generic = new PartitionedAppendOnlyMap<>((int) (size / LOAD_FACTOR) + 1);
        forEach((partition, key, value) -> generic.insert(partition, cast(key), cast(value), aggregator));
        keys = null;
        values = null;
        partitions = null;
        return generic;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
