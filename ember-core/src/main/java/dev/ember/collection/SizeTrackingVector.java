package dev.ember.collection;

import java.util.Arrays;
import java.util.Iterator;

/** An append-only array of values that knows roughly how much memory it uses. */
public final class SizeTrackingVector<T> {
    private Object[] values = new Object[64];
    private int size;
    private final SizeTracker tracker = new SizeTracker(this);

    public void add(T value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(64, values.length * 2));
        }
        values[size++] = value;
        tracker.afterUpdate();
    }

    public int size() {
        return size;
    }

    /** Estimated bytes of the vector and its values. */
    public long estimateSize() {
        return tracker.estimateSize();
    }

    /** The values, trimmed to size. */
    public Object[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public Iterator<T> iterator() {
        return dev.ember.util.Iterators.ofArray(values, 0, size);
    }
}
