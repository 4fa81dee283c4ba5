package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.util.BoxedPrimitive;
import java.util.Comparator;

/**
 * The aggregation map of a reduction whose merge {@link InPlaceMerge} recognizes (the JDK's sum, max or min of
 * {@code Long}, {@code Integer} or {@code Double} values), the combiner starting as the first value
 * ({@code reduceByKey} and the reduce side of every map-side-combined reduction). Combiners live in a long array:
 * no object per combiner, and a merge stores no reference (no write-barrier work). {@link LongKeys} keeps
 * {@code Long} or {@code Integer} keys in a long array too, so a probe reads no key object and the collector has
 * nothing inside the map to trace: about 16 bytes a slot against some 40 bytes an entry in
 * {@link PartitionedAppendOnlyMap}, so a spilling reduction spills less often. {@link ObjectKeys} holds any other
 * key as it is.
 *
 * <p>A record a map cannot hold is refused with {@code false}, changing nothing: a value that is not exactly the
 * reduction's box, and for {@link LongKeys} a key that is not of the first key's class. The caller then moves the
 * entries on ({@link #toObjectKeys}, {@link #toGeneric}) and goes on there; in {@link PartitionedAppendOnlyMap} the
 * user's function sees the record as it would have.
 *
 * <p>Layout as in {@link PartitionedAppendOnlyMap}: power-of-two capacity, quadratic probing, growth at 70% load,
 * partitions in a separate array allocated once an entry outside partition 0 arrives. A key is found by the key
 * alone, its partition being a function of it.
 */
abstract sealed class ReductionMap permits ReductionMap.LongKeys, ReductionMap.ObjectKeys {
    private static final double LOAD_FACTOR = 0.7;
    private static final int MAX_CAPACITY = 1 << 29;

    final InPlaceMerge.Reduction reduction;
    int capacity;
    int mask;
    long[] values;
    int[] partitions;
    private int growThreshold;
    /** Entries, including one kept beside the table. */
    int size;

    ReductionMap(InPlaceMerge.Reduction reduction) {
        this.reduction = reduction;
    }

    /** Makes room for {@code newCapacity} slots; the subclass allocates its keys. */
    void allocate(int newCapacity, boolean withPartitions) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        values = new long[newCapacity];
        partitions = withPartitions ? new int[newCapacity] : null;
        growThreshold = (int) (newCapacity * LOAD_FACTOR);
    }

    static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * Merges {@code value} into the combiner of {@code key}; false, changing nothing, if the map cannot hold them.
     * {@code partition} must be the same whenever the key is inserted.
     */
    abstract boolean insert(int partition, Object key, Object value);

    /** Counts a new entry, growing the table at 70% load. */
    final void added() {
        if (++size > growThreshold) {
            if (capacity >= MAX_CAPACITY) {
                throw new IllegalStateException(
                        "Cannot hold more than " + (int) (MAX_CAPACITY * LOAD_FACTOR) + " keys");
            }
            grow();
        }
    }

    abstract void grow();

    final void partitionsFor(int partition) {
        if (partition != 0 && partitions == null) {
            partitions = new int[capacity];
        }
    }

    final int partitionAt(int slot) {
        return partitions == null ? 0 : partitions[slot];
    }

    int size() {
        return size;
    }

    /** Bytes of the arrays (and, for object keys, of the keys as sampled). */
    abstract long estimateSize();

    final long arrayBytes(int keyBytesPerSlot) {
        return (8L + keyBytesPerSlot + (partitions == null ? 0 : 4)) * capacity + 96;
    }

    /** Whether table slot {@code slot} holds an entry. */
    abstract boolean occupied(int slot);

    /** Whether an entry is kept beside the table (key 0 of long keys, the null key of object keys). */
    abstract boolean hasSideEntry();

    /**
     * The boxed key of the entry at {@code slot}, or of the entry beside the table for {@code slot == capacity};
     * likewise below.
     */
    abstract Object keyAt(int slot);

    /** The hash code of that key as boxed, 0 for null, without boxing it. */
    abstract int keyHashAt(int slot);

    abstract long encodedValueAt(int slot);

    abstract int sidePartition();

    private int entryPartition(int slot) {
        return slot == capacity ? sidePartition() : partitionAt(slot);
    }

    /** Calls {@code visitor} with each entry, boxed; the order is the table's. */
    final void forEach(EntryVisitor visitor) {
        for (int slot = 0; slot < capacity; slot++) {
            if (occupied(slot)) {
                visitor.visit(partitionAt(slot), keyAt(slot), reduction.decode(values[slot]));
            }
        }
        if (hasSideEntry()) {
            visitor.visit(sidePartition(), keyAt(capacity), reduction.decode(encodedValueAt(capacity)));
        }
    }

    @FunctionalInterface
    interface EntryVisitor {
        void visit(int partition, Object key, Object value);
    }

    /**
     * The entries by partition, then by {@code keyComparator} if given; keys and values are boxed as the cursor
     * reaches them. Ordering by {@link PartitionedAppendOnlyMap#HASH_ORDER} or not at all boxes nothing up front, so
     * reading the map out takes about 24 bytes an entry besides the map itself. Leaves the map unusable once read.
     */
    final PartitionedCursor<Object, Object> destructiveSortedCursor(
            int numPartitions, Comparator<Object> keyComparator) {
        int count = size;
        // Position i of the order is table slot slots[i]; the entry beside the table is slot == capacity.
        int[] slots = new int[count];
        int[] entryPartitions = new int[count];
        int n = 0;
        for (int slot = 0; slot < capacity; slot++) {
            if (occupied(slot)) {
                slots[n] = slot;
                entryPartitions[n] = partitionAt(slot);
                n++;
            }
        }
        if (hasSideEntry()) {
            slots[n] = capacity;
            entryPartitions[n] = sidePartition();
            n++;
        }
        int[] order;
        if (keyComparator == PartitionedAppendOnlyMap.HASH_ORDER) {
            int[] hashes = new int[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = keyHashAt(slots[i]);
            }
            order = IntSorter.orderByPartitionThenHash(entryPartitions, hashes, n, numPartitions);
        } else if (keyComparator == null) {
            order = IntSorter.orderByPartition(entryPartitions, n, numPartitions, null);
        } else {
            Object[] boxed = new Object[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = keyAt(slots[i]);
            }
            order = IntSorter.orderByPartition(
                    entryPartitions, n, numPartitions, (x, y) -> keyComparator.compare(boxed[x], boxed[y]));
        }
        size = 0;
        return new PartitionedCursor<>() {
            private int position = -1;
            private int slot;

            @Override
            public boolean advance() {
                if (++position >= order.length) {
                    return false;
                }
                slot = slots[order[position]];
                return true;
            }

            @Override
            public int partition() {
                return entryPartition(slot);
            }

            @Override
            public Object key() {
                return keyAt(slot);
            }

            @Override
            public Object value() {
                return reduction.decode(encodedValueAt(slot));
            }
        };
    }

    void release() {
        values = null;
        partitions = null;
        size = 0;
    }

    /** The same entries in a map that takes any key. Leaves this map unusable. */
    final ObjectKeys toObjectKeys() {
        ObjectKeys objects = new ObjectKeys(reduction, size);
        forEach((partition, key, value) -> objects.insert(partition, key, value));
        release();
        return objects;
    }

    /** The same entries in a map that holds anything, merging with {@code aggregator}. Leaves this map unusable. */
    final <K, V> PartitionedAppendOnlyMap<K, V> toGeneric(Aggregator<K, V, V> aggregator) {
        PartitionedAppendOnlyMap<K, V> generic = new PartitionedAppendOnlyMap<>((int) (size / LOAD_FACTOR) + 1);
        forEach((partition, key, value) -> generic.insert(partition, cast(key), cast(value), aggregator));
        release();
        return generic;
    }

    static int capacityFor(int entries) {
        return Integer.highestOneBit(Math.max(64, (int) (entries / LOAD_FACTOR) + 1) - 1) << 1;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** {@code Long} or {@code Integer} keys (the first key decides) in a long array; key 0 beside the table. */
    static final class LongKeys extends ReductionMap {
        /** {@code LONG} or {@code INT} once the first key arrived. */
        private BoxedPrimitive keyBox;

        private long[] keys;
        private boolean hasZeroKey;
        private long zeroKeyValue;
        private int zeroKeyPartition;

        LongKeys(InPlaceMerge.Reduction reduction) {
            super(reduction);
            allocate(64, false);
        }

        @Override
        void allocate(int newCapacity, boolean withPartitions) {
            super.allocate(newCapacity, withPartitions);
            keys = new long[newCapacity];
        }

        private static int hash(long key) {
            return mix(Long.hashCode(key));
        }

        /** Whether this map takes {@code key}: any {@code Long} or {@code Integer} before the first key. */
        private boolean takesKey(Object key) {
            if (keyBox != null) {
                return keyBox.isBoxOf(key);
            }
            BoxedPrimitive box = BoxedPrimitive.of(key);
            if (box != BoxedPrimitive.LONG && box != BoxedPrimitive.INT) {
                return false;
            }
            keyBox = box;
            return true;
        }

        @Override
        boolean insert(int partition, Object key, Object value) {
            if (!reduction.takes(value) || !takesKey(key)) {
                return false;
            }
            long k = keyBox.encode(key);
            long v = reduction.encode(value);
            partitionsFor(partition);
            if (k == 0) {
                if (hasZeroKey) {
                    zeroKeyValue = reduction.apply(zeroKeyValue, v);
                } else {
                    hasZeroKey = true;
                    zeroKeyValue = v;
                    zeroKeyPartition = partition;
                    added();
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
                    added();
                    return true;
                }
                slot = (slot + step) & mask;
                step++;
            }
        }

        @Override
        void grow() {
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

        @Override
        long estimateSize() {
            return arrayBytes(8);
        }

        @Override
        boolean occupied(int slot) {
            return keys[slot] != 0;
        }

        @Override
        boolean hasSideEntry() {
            return hasZeroKey;
        }

        @Override
        int sidePartition() {
            return zeroKeyPartition;
        }

        @Override
        Object keyAt(int slot) {
            return keyBox.decode(slot == capacity ? 0 : keys[slot]);
        }

        @Override
        int keyHashAt(int slot) {
            long key = slot == capacity ? 0 : keys[slot];
            return keyBox == BoxedPrimitive.LONG ? Long.hashCode(key) : (int) key;
        }

        @Override
        long encodedValueAt(int slot) {
            return slot == capacity ? zeroKeyValue : values[slot];
        }

        @Override
        void release() {
            super.release();
            keys = null;
        }
    }

    /**
     * Any key, held as it is; a null key beside the table. The mixed hash of each key is kept too, so a probe reads a
     * key object (and, for a string, its bytes) only when the hashes agree.
     */
    static final class ObjectKeys extends ReductionMap {
        private Object[] keys;
        private int[] hashes;
        private boolean hasNullKey;
        private long nullKeyValue;
        private int nullKeyPartition;
        private final SizeTracker tracker = new SizeTracker(this);

        ObjectKeys(InPlaceMerge.Reduction reduction, int expectedEntries) {
            super(reduction);
            allocate(capacityFor(expectedEntries), false);
        }

        @Override
        void allocate(int newCapacity, boolean withPartitions) {
            super.allocate(newCapacity, withPartitions);
            keys = new Object[newCapacity];
            hashes = new int[newCapacity];
        }

        @Override
        boolean insert(int partition, Object key, Object value) {
            if (!reduction.takes(value)) {
                return false;
            }
            long v = reduction.encode(value);
            partitionsFor(partition);
            if (key == null) {
                if (hasNullKey) {
                    nullKeyValue = reduction.apply(nullKeyValue, v);
                } else {
                    hasNullKey = true;
                    nullKeyValue = v;
                    nullKeyPartition = partition;
                    added();
                }
                tracker.afterUpdate();
                return true;
            }
            Object[] table = keys;
            int hash = mix(key.hashCode());
            int slot = hash & mask;
            int step = 1;
            while (true) {
                Object existing = table[slot];
                if (existing == null) {
                    table[slot] = key;
                    hashes[slot] = hash;
                    values[slot] = v;
                    if (partitions != null) {
                        partitions[slot] = partition;
                    }
                    added();
                    tracker.afterUpdate();
                    return true;
                }
                if (existing == key || (hashes[slot] == hash && existing.equals(key))) {
                    values[slot] = reduction.apply(values[slot], v);
                    tracker.afterUpdate();
                    return true;
                }
                slot = (slot + step) & mask;
                step++;
            }
        }

        @Override
        void grow() {
            Object[] oldKeys = keys;
            int[] oldHashes = hashes;
            long[] oldValues = values;
            int[] oldPartitions = partitions;
            allocate(capacity * 2, oldPartitions != null);
            for (int old = 0; old < oldKeys.length; old++) {
                Object key = oldKeys[old];
                if (key == null) {
                    continue;
                }
                int slot = oldHashes[old] & mask;
                int step = 1;
                while (keys[slot] != null) {
                    slot = (slot + step) & mask;
                    step++;
                }
                keys[slot] = key;
                hashes[slot] = oldHashes[old];
                values[slot] = oldValues[old];
                if (partitions != null) {
                    partitions[slot] = oldPartitions[old];
                }
            }
            tracker.takeSample();
        }

        /** Sampled: the keys are objects of any size. */
        @Override
        long estimateSize() {
            return tracker.estimateSize();
        }

        @Override
        boolean occupied(int slot) {
            return keys[slot] != null;
        }

        @Override
        boolean hasSideEntry() {
            return hasNullKey;
        }

        @Override
        int sidePartition() {
            return nullKeyPartition;
        }

        @Override
        Object keyAt(int slot) {
            return slot == capacity ? null : keys[slot];
        }

        @Override
        int keyHashAt(int slot) {
            return slot == capacity ? 0 : keys[slot].hashCode();
        }

        @Override
        long encodedValueAt(int slot) {
            return slot == capacity ? nullKeyValue : values[slot];
        }

        @Override
        void release() {
            super.release();
            keys = null;
            hashes = null;
        }
    }
}
