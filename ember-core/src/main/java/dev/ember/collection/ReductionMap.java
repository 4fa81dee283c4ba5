package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.util.BoxedPrimitive;
import java.util.Comparator;

/**
 * The aggregation map of an aggregator of {@link Aggregator.Kind.Reduction} (the JDK's sum, max or min of
 * {@code Long}, {@code Integer} or {@code Double} values, the combiner starting as the first value:
 * {@code reduceByKey} and the reduce side of every map-side-combined reduction). Combiners live in a long array:
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
 * <p>Layout as in {@link PartitionedAppendOnlyMap}: probing and growth by {@link OpenAddressing}, partitions in a
 * separate array allocated once an entry outside partition 0 arrives. A key is found by the key alone, its partition
 * being a function of it.
 */
abstract sealed class ReductionMap permits ReductionMap.LongKeys, ReductionMap.ObjectKeys {
    final InPlaceMerge.Reduction reduction;
    int capacity;
    int mask;
    int[] partitions;
    private int growThreshold;
    /** Entries, including one kept beside the table. */
    int size;

    ReductionMap(InPlaceMerge.Reduction reduction) {
        this.reduction = reduction;
    }

    /** Makes room for {@code newCapacity} slots; the subclass allocates its keys and values. */
    void allocate(int newCapacity, boolean withPartitions) {
        capacity = newCapacity;
        mask = newCapacity - 1;
        partitions = withPartitions ? new int[newCapacity] : null;
        growThreshold = OpenAddressing.growThreshold(newCapacity);
    }

    /**
     * Merges {@code value} into the combiner of {@code key}; false, changing nothing, if the map cannot hold them.
     * {@code partition} must be the same whenever the key is inserted.
     */
    abstract boolean insert(int partition, Object key, Object value);

    /** Counts a new entry, growing the table past its threshold. */
    final void added() {
        if (++size > growThreshold) {
            grow(OpenAddressing.grownCapacity(capacity));
        }
    }

    /** Moves the entries into a table of {@code newCapacity} slots. */
    abstract void grow(int newCapacity);

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
                visitor.visit(partitionAt(slot), keyAt(slot), reduction.decode(encodedValueAt(slot)));
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
     * The entries by partition, then by {@code order}; keys and values are boxed as the cursor reaches them.
     * Ordering by hash code or not at all boxes nothing up front, so reading the map out takes about 24 bytes an
     * entry besides the map itself. Leaves the map unusable once read.
     */
    final PartitionedCursor<Object, Object> destructiveSortedCursor(int numPartitions, KeyOrder<Object> order) {
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
        int[] sorted;
        if (order instanceof KeyOrder.ByHash) {
            int[] hashes = new int[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = keyHashAt(slots[i]);
            }
            sorted = IntSorter.orderByPartitionThenHash(entryPartitions, hashes, n, numPartitions);
        } else if (order instanceof KeyOrder.ByComparator<Object> byComparator) {
            Comparator<? super Object> ordering = byComparator.ordering();
            Object[] boxed = new Object[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = keyAt(slots[i]);
            }
            sorted = IntSorter.orderByPartition(
                    entryPartitions, n, numPartitions, (x, y) -> ordering.compare(boxed[x], boxed[y]));
        } else {
            sorted = IntSorter.orderByPartition(entryPartitions, n, numPartitions, null);
        }
        size = 0;
        return new PartitionedCursor<>() {
            private int position = -1;
            private int slot;

            @Override
            public boolean advance() {
                if (++position >= sorted.length) {
                    return false;
                }
                slot = slots[sorted[position]];
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
        PartitionedAppendOnlyMap<K, V> generic = new PartitionedAppendOnlyMap<>(size);
        forEach((partition, key, value) -> generic.insert(partition, cast(key), cast(value), aggregator));
        release();
        return generic;
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
        private long[] values;
        private boolean hasZeroKey;
        private long zeroKeyValue;
        private int zeroKeyPartition;

        LongKeys(InPlaceMerge.Reduction reduction) {
            super(reduction);
            allocate(OpenAddressing.MIN_CAPACITY, false);
        }

        @Override
        void allocate(int newCapacity, boolean withPartitions) {
            super.allocate(newCapacity, withPartitions);
            keys = new long[newCapacity];
            values = new long[newCapacity];
        }

        private static int hash(long key) {
            return OpenAddressing.spread(Long.hashCode(key));
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
            int slot = OpenAddressing.firstSlot(hash(k), mask);
            for (int step = 1; ; step++) {
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
                slot = OpenAddressing.nextSlot(slot, step, mask);
            }
        }

        @Override
        void grow(int newCapacity) {
            long[] oldKeys = keys;
            long[] oldValues = values;
            int[] oldPartitions = partitions;
            allocate(newCapacity, oldPartitions != null);
            for (int old = 0; old < oldKeys.length; old++) {
                long key = oldKeys[old];
                if (key == 0) {
                    continue;
                }
                int slot = OpenAddressing.firstSlot(hash(key), mask);
                for (int step = 1; keys[slot] != 0; step++) {
                    slot = OpenAddressing.nextSlot(slot, step, mask);
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
            return keyBox.hashCode(slot == capacity ? 0 : keys[slot]);
        }

        @Override
        long encodedValueAt(int slot) {
            return slot == capacity ? zeroKeyValue : values[slot];
        }

        @Override
        void release() {
            super.release();
            keys = null;
            values = null;
        }
    }

    /**
     * Any key, held as it is; a null key beside the table. Each slot's mixed hash code and combiner sit next to each
     * other in one long array, so that checking a slot and merging into it touch one cache line, and a key object is
     * read only when the hashes agree. A map whose first key is a string gives each slot two more longs, in which a
     * string of at most {@value #MAX_PACKED} characters, all below 256 (a word, a code, an identifier), is kept
     * packed and compared in place of the string: a probe that finds it reads one cache line, neither the stored
     * string nor its bytes.
     */
    static final class ObjectKeys extends ReductionMap {
        private static final int MAX_PACKED = 16;
        /** The tag of a key compared with {@code equals}; a packed string's tag is its length + 1. */
        private static final int NOT_PACKED = 0xFFFF;

        private Object[] keys;
        /**
         * Slot {@code s} at {@code s << shift}: the mixed hash above the key's tag (0 for an empty slot), the
         * combiner, and with {@code shift} 2 a packed string's characters in two longs. Allocated at the first key.
         */
        private long[] entries;
        /** 1, or 2 for room to pack strings; 0 until the first key. */
        private int shift;

        private boolean hasNullKey;
        private long nullKeyValue;
        private int nullKeyPartition;
        private final SizeTracker tracker = new SizeTracker(this);
        /** The characters of the key being inserted, when it is packed. */
        private long low;

        private long high;

        ObjectKeys(InPlaceMerge.Reduction reduction, int expectedEntries) {
            super(reduction);
            allocate(OpenAddressing.capacityFor(expectedEntries), false);
        }

        @Override
        void allocate(int newCapacity, boolean withPartitions) {
            super.allocate(newCapacity, withPartitions);
            keys = new Object[newCapacity];
            entries = shift == 0 ? null : new long[newCapacity << shift];
        }

        /**
         * The tag of {@code key}, leaving a packed string's characters in {@code low} and {@code high}; only strings
         * are packed, and only in a map with room for them.
         */
        private int tag(Object key) {
            if (shift != 2 || !(key instanceof String string) || string.length() > MAX_PACKED) {
                return NOT_PACKED;
            }
            int length = string.length();
            long first = 0;
            long second = 0;
            for (int i = 0; i < length; i++) {
                char c = string.charAt(i);
                if (c > 0xFF) {
                    return NOT_PACKED;
                }
                if (i < 8) {
                    first |= (long) c << (8 * i);
                } else {
                    second |= (long) c << (8 * (i - 8));
                }
            }
            low = first;
            high = second;
            return length + 1;
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
            if (shift == 0) {
                shift = key instanceof String ? 2 : 1;
                entries = new long[capacity << shift];
            }
            int hash = OpenAddressing.spread(key.hashCode());
            int tag = tag(key);
            long head = ((long) hash << 32) | tag;
            long[] table = entries;
            int slot = OpenAddressing.firstSlot(hash, mask);
            for (int step = 1; ; step++) {
                int at = slot << shift;
                long existing = table[at];
                if (existing == 0) {
                    table[at] = head;
                    table[at + 1] = v;
                    if (tag != NOT_PACKED) {
                        table[at + 2] = low;
                        table[at + 3] = high;
                    }
                    keys[slot] = key;
                    if (partitions != null) {
                        partitions[slot] = partition;
                    }
                    added();
                    tracker.afterUpdate();
                    return true;
                }
                if (existing == head
                        && (tag != NOT_PACKED
                                ? table[at + 2] == low && table[at + 3] == high
                                : keys[slot] == key || keys[slot].equals(key))) {
                    table[at + 1] = reduction.apply(table[at + 1], v);
                    tracker.afterUpdate();
                    return true;
                }
                slot = OpenAddressing.nextSlot(slot, step, mask);
            }
        }

        @Override
        void grow(int newCapacity) {
            Object[] oldKeys = keys;
            long[] oldEntries = entries;
            int[] oldPartitions = partitions;
            allocate(newCapacity, oldPartitions != null);
            int width = 1 << shift;
            for (int old = 0; old < oldKeys.length; old++) {
                long head = oldEntries[old << shift];
                if (head == 0) {
                    continue;
                }
                int slot = OpenAddressing.firstSlot((int) (head >>> 32), mask);
                for (int step = 1; entries[slot << shift] != 0; step++) {
                    slot = OpenAddressing.nextSlot(slot, step, mask);
                }
                keys[slot] = oldKeys[old];
                System.arraycopy(oldEntries, old << shift, entries, slot << shift, width);
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
            return entries != null && entries[slot << shift] != 0;
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
            return slot == capacity ? nullKeyValue : entries[(slot << shift) + 1];
        }

        @Override
        void release() {
            super.release();
            keys = null;
            entries = null;
        }
    }
}
