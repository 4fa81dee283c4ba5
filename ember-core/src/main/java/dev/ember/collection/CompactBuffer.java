package dev.ember.collection;

import dev.ember.Aggregator;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An append-only list that keeps its first two elements in fields and allocates an array only for a third: the
 * values of one key in {@code groupByKey}, {@code cogroup} and joins, where most keys have one or two. Compared
 * with an {@code ArrayList} that is one object instead of two per key, and no ten-slot array for a single value.
 *
 * <p>While every element from the third on is a {@code Long}, they are kept in a {@code long[]} and boxed again when
 * read: 8 bytes an element instead of a reference and a 16-byte box, and an array the collector need not scan. The
 * first element of another kind (or a null) turns the longs back into boxes, equal to the ones added.
 *
 * <p>Reads like any {@link java.util.List} (equality, hash code and string form included); {@link #add} appends,
 * other changes are not supported.
 */
public final class CompactBuffer<T> extends AbstractList<T> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    private T first;
    private T second;
    /** Elements from the third on: boxes in {@code rest}, or longs in {@code restLongs} while all are Longs. */
    private Object[] rest;

    private long[] restLongs;
    private int size;

    public CompactBuffer() {}

    private static final Aggregator<Object, Object, CompactBuffer<Object>> GROUPING =
            Aggregator.grouping(CompactBuffer::of, CompactBuffer::appended, CompactBuffer::addAll);

    /**
     * The aggregator of {@code groupByKey}: the values of each key in one buffer, in the order they arrive. Of
     * {@link Aggregator.Kind.Grouping}, which the reduce side of a shuffle reads (after serialization too) to group
     * by sorting the records it reads instead of adding each to a buffer in a hash map (see {@link GroupBuffer}).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K, V> Aggregator<K, V, CompactBuffer<V>> grouping() {
        return (Aggregator) GROUPING;
    }

    private static <T> CompactBuffer<T> appended(CompactBuffer<T> buffer, T value) {
        buffer.add(value);
        return buffer;
    }

    /**
     * An empty buffer with room for {@code capacity} elements: kept as longs from the third on if {@code longs},
     * which {@link #addLong} then appends without boxing.
     */
    static <T> CompactBuffer<T> withCapacity(int capacity, boolean longs) {
        CompactBuffer<T> buffer = new CompactBuffer<>();
        if (capacity > 2) {
            if (longs) {
                buffer.restLongs = new long[capacity - 2];
            } else {
                buffer.rest = new Object[capacity - 2];
            }
        }
        return buffer;
    }

    public static <T> CompactBuffer<T> of(T value) {
        CompactBuffer<T> buffer = new CompactBuffer<>();
        buffer.first = value;
        buffer.size = 1;
        return buffer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        if (index < 2) {
            return index == 0 ? first : second;
        }
        if (restLongs != null) {
            return (T) (Object) restLongs[index - 2];
        }
        return (T) rest[index - 2];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(T value) {
        switch (size) {
            case 0 -> first = value;
            case 1 -> second = value;
            default -> addToRest(value);
        }
        size++;
        return true;
    }

    /** Appends a {@code Long}, unboxed where the buffer keeps longs. */
    @SuppressWarnings("unchecked")
    void addLong(long value) {
        int index = size - 2;
        if (index >= 0 && restLongs != null && index < restLongs.length) {
            restLongs[index] = value;
            size++;
        } else {
            add((T) (Object) value);
        }
    }

    private static int grown(int length) {
        return Math.max(4, length + (length >> 1));
    }

    private void addToRest(T value) {
        int index = size - 2;
        if (index == 0 && rest == null && restLongs == null && value instanceof Long) {
            restLongs = new long[4];
        }
        if (restLongs != null) {
            if (value instanceof Long longValue) {
                if (index == restLongs.length) {
                    restLongs = Arrays.copyOf(restLongs, grown(restLongs.length));
                }
                restLongs[index] = longValue;
                return;
            }
            rest = new Object[Math.max(index + 1, Math.max(4, restLongs.length))];
            for (int i = 0; i < index; i++) {
                rest[i] = restLongs[i];
            }
            restLongs = null;
        }
        if (rest == null) {
            rest = new Object[4];
        } else if (index == rest.length) {
            rest = Arrays.copyOf(rest, grown(rest.length));
        }
        rest[index] = value;
    }

    /** Appends every element of {@code other}; returns this buffer. */
    public CompactBuffer<T> addAll(CompactBuffer<T> other) {
        for (int i = 0; i < other.size; i++) {
            add(other.get(i));
        }
        return this;
    }
}
