package dev.ember.collection;

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

    private void addToRest(T value) {
        int index = size - 2;
        if (index == 0 && value instanceof Long) {
            restLongs = new long[4];
        }
        if (restLongs != null) {
            if (value instanceof Long longValue) {
                if (index == restLongs.length) {
                    restLongs = Arrays.copyOf(restLongs, restLongs.length + (restLongs.length >> 1));
                }
                restLongs[index] = longValue;
                return;
            }
            rest = new Object[Math.max(4, restLongs.length)];
            for (int i = 0; i < index; i++) {
                rest[i] = restLongs[i];
            }
            restLongs = null;
        }
        if (rest == null) {
            rest = new Object[4];
        } else if (index == rest.length) {
            rest = Arrays.copyOf(rest, rest.length + (rest.length >> 1));
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
