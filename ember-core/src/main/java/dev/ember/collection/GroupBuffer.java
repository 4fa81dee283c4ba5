package dev.ember.collection;

import dev.ember.util.BoxedPrimitive;
import java.util.Arrays;
import java.util.Objects;

/**
 * The records of a grouping (an aggregator of {@link dev.ember.Aggregator.Kind.Grouping}, such as
 * {@link CompactBuffer#grouping()}: the reduce side of {@code groupByKey}) appended as
 * they arrive, then grouped when read: ordered by partition and key hash code with a radix sort, each run of equal
 * keys becoming one {@link CompactBuffer}, exactly sized. Appending touches only the ends of a few arrays, where a
 * hash map of buffers would find each key's buffer in a table and grow it.
 *
 * <p>{@code Long} or {@code Integer} keys (the first key decides) are kept in a long array, and so are values that
 * are all {@code Long}, {@code Integer} or {@code Double}: 16 bytes a record and nothing for the collector to trace.
 * The first key or value of another kind turns that array into boxes equal to the ones added, for good.
 *
 * <p>Reads as a {@link PairBuffer} of (key, {@code CompactBuffer}) whose cursor gives each key once, by partition and
 * then by hash code ({@link KeyOrder.ByHash}), which is what spills of an aggregation are merged by; the values of a
 * key are in insertion order. No other key order is offered.
 */
final class GroupBuffer implements PairBuffer<Object, Object> {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private int size;
    private int capacity;
    /** Partition of each record; null while every record is in partition 0. */
    private int[] partitions;

    /** Keys as longs while {@code keyBox} is set, otherwise as objects with their hash codes. */
    private BoxedPrimitive keyBox;

    private long[] longKeys;
    private Object[] objectKeys;
    private int[] hashes;

    /** Values as longs while {@code valueBox} is set, otherwise as objects. */
    private BoxedPrimitive valueBox;

    private long[] longValues;
    private Object[] objectValues;
    /** Samples the size once objects are held; longs are counted exactly. */
    private final SizeTracker tracker = new SizeTracker(this);

    @Override
    public void insert(int partition, Object key, Object value) {
        if (size == capacity) {
            if (size == 0) {
                start(key, value);
            } else {
                grow();
            }
        }
        if (partition != 0) {
            if (partitions == null) {
                partitions = new int[capacity];
            }
            partitions[size] = partition;
        }
        if (keyBox != null && keyBox.isBoxOf(key)) {
            longKeys[size] = keyBox.encode(key);
        } else {
            if (keyBox != null) {
                boxKeys();
            }
            objectKeys[size] = key;
            hashes[size] = KeyOrder.hashCodeOf(key);
        }
        if (valueBox != null && valueBox.isBoxOf(value)) {
            longValues[size] = valueBox.encode(value);
        } else {
            if (valueBox != null) {
                boxValues();
            }
            objectValues[size] = value;
        }
        size++;
        if (keyBox == null || valueBox == null) {
            tracker.afterUpdate();
        }
    }

    /** Chooses how to keep keys and values from the first record. */
    private void start(Object key, Object value) {
        capacity = 64;
        BoxedPrimitive firstKey = BoxedPrimitive.of(key);
        // Double keys stay objects: equal doubles (two NaNs) may differ in their bits.
        if (firstKey == BoxedPrimitive.LONG || firstKey == BoxedPrimitive.INT) {
            keyBox = firstKey;
            longKeys = new long[capacity];
        } else {
            objectKeys = new Object[capacity];
            hashes = new int[capacity];
        }
        valueBox = BoxedPrimitive.of(value);
        if (valueBox != null) {
            longValues = new long[capacity];
        } else {
            objectValues = new Object[capacity];
        }
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot group more than " + MAX_CAPACITY + " records in one task");
        }
        capacity = (int) Math.min(MAX_CAPACITY, capacity * 2L);
        if (partitions != null) {
            partitions = Arrays.copyOf(partitions, capacity);
        }
        if (longKeys != null) {
            longKeys = Arrays.copyOf(longKeys, capacity);
        } else {
            objectKeys = Arrays.copyOf(objectKeys, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        if (longValues != null) {
            longValues = Arrays.copyOf(longValues, capacity);
        } else {
            objectValues = Arrays.copyOf(objectValues, capacity);
        }
        if (keyBox == null || valueBox == null) {
            tracker.takeSample();
        }
    }

    private void boxKeys() {
        objectKeys = new Object[capacity];
        hashes = new int[capacity];
        for (int i = 0; i < size; i++) {
            objectKeys[i] = keyBox.decode(longKeys[i]);
            hashes[i] = objectKeys[i].hashCode();
        }
        keyBox = null;
        longKeys = null;
        tracker.takeSample();
    }

    private void boxValues() {
        objectValues = new Object[capacity];
        for (int i = 0; i < size; i++) {
            objectValues[i] = valueBox.decode(longValues[i]);
        }
        valueBox = null;
        longValues = null;
        tracker.takeSample();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long estimateSize() {
        if (keyBox != null && valueBox != null) {
            return (16L + (partitions == null ? 0 : 4)) * capacity + 96;
        }
        return tracker.estimateSize();
    }

    private boolean sameKey(int first, int second) {
        return keyBox != null
                ? longKeys[first] == longKeys[second]
                : Objects.equals(objectKeys[first], objectKeys[second]);
    }

    private Object keyAt(int position) {
        return keyBox != null ? keyBox.decode(longKeys[position]) : objectKeys[position];
    }

    /** The values at positions {@code from..to) (or, with {@code positions}, at {@code positions[from..to)}). */
    private CompactBuffer<Object> group(int[] positions, int from, int to) {
        boolean longs = valueBox == BoxedPrimitive.LONG;
        CompactBuffer<Object> buffer = CompactBuffer.withCapacity(to - from, longs);
        for (int i = from; i < to; i++) {
            int position = positions == null ? i : positions[i];
            if (longs) {
                buffer.addLong(longValues[position]);
            } else {
                buffer.add(valueBox != null ? valueBox.decode(longValues[position]) : objectValues[position]);
            }
        }
        return buffer;
    }

    /**
     * Moves the records into {@code order}: one pass of scattered reads per array, so that grouping then reads each
     * array straight through.
     */
    private void rearrange(int[] order) {
        if (longKeys != null) {
            longKeys = gather(longKeys, order);
        } else {
            objectKeys = gather(objectKeys, order);
        }
        if (longValues != null) {
            longValues = gather(longValues, order);
        } else {
            objectValues = gather(objectValues, order);
        }
        partitions = null;
        hashes = null;
    }

    private static long[] gather(long[] values, int[] order) {
        long[] gathered = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            gathered[i] = values[order[i]];
        }
        return gathered;
    }

    private static Object[] gather(Object[] values, int[] order) {
        Object[] gathered = new Object[order.length];
        for (int i = 0; i < order.length; i++) {
            gathered[i] = values[order[i]];
        }
        return gathered;
    }

    /**
     * Each key once with its values, by partition and then hash code, for {@code order} {@link KeyOrder.ByHash} or
     * {@link KeyOrder.None}. Leaves the buffer unusable.
     */
    @Override
    public PartitionedCursor<Object, Object> destructiveSortedCursor(
            int numPartitions, KeyOrder<? super Object> order) {
        if (order instanceof KeyOrder.ByComparator) {
            throw new IllegalArgumentException("Groups are read by hash code only, not by " + order);
        }
        int count = size;
        int[] keyHashes = hashes;
        if (keyBox != null) {
            keyHashes = new int[count];
            for (int i = 0; i < count; i++) {
                keyHashes[i] = keyBox.hashCode(longKeys[i]);
            }
        }
        IntSorter.HashOrder sorted = IntSorter.sortByPartitionThenHash(partitions, keyHashes, count, numPartitions);
        rearrange(sorted.positions());
        // From here on, record i is the i-th in order; equal sort keys are the same partition and hash code.
        long[] sortKeys = sorted.sortKeys();
        size = 0;
        return new PartitionedCursor<>() {
            /** Where the next run of equal sort keys starts. */
            private int next;
            /** Positions of a run holding several keys, not yet given out: {@code run[0..runLeft)}. */
            private int[] run = new int[0];
            /** The positions of the key being taken from {@code run}. */
            private int[] taken = new int[0];

            private int runLeft;
            private int partition;
            private Object key;
            private CompactBuffer<Object> values;

            @Override
            public boolean advance() {
                if (runLeft > 0) {
                    takeFromRun();
                    return true;
                }
                if (next >= count) {
                    return false;
                }
                int start = next;
                long sortKey = sortKeys[start];
                int end = start + 1;
                boolean oneKey = true;
                while (end < count && sortKeys[end] == sortKey) {
                    oneKey &= sameKey(start, end);
                    end++;
                }
                next = end;
                partition = sorted.partition(start);
                if (oneKey) {
                    key = keyAt(start);
                    values = group(null, start, end);
                } else {
                    // Keys that differ but share a hash code: give out one key at a time, in order of arrival.
                    if (run.length < end - start) {
                        run = new int[end - start];
                        taken = new int[end - start];
                    }
                    for (int i = start; i < end; i++) {
                        run[i - start] = i;
                    }
                    runLeft = end - start;
                    takeFromRun();
                }
                return true;
            }

            /** Takes the first key left in the run and its values, keeping the others in order. */
            private void takeFromRun() {
                int first = run[0];
                int takenCount = 0;
                int kept = 0;
                for (int i = 0; i < runLeft; i++) {
                    int position = run[i];
                    if (sameKey(first, position)) {
                        taken[takenCount++] = position;
                    } else {
                        run[kept++] = position;
                    }
                }
                runLeft = kept;
                key = keyAt(first);
                values = group(taken, 0, takenCount);
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public Object key() {
                return key;
            }

            @Override
            public Object value() {
                return values;
            }
        };
    }
}
