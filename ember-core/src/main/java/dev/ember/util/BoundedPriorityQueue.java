package dev.ember.util;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code capacity} smallest elements by {@code comparator}: the building block of {@code takeOrdered}
 * and {@code top}. Serializable so that per-partition queues can travel to the driver and be merged.
 */
public final class BoundedPriorityQueue<T> implements Serializable, Iterable<T> {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private final Comparator<? super T> comparator;
    private final PriorityQueue<T> heap;

    public BoundedPriorityQueue(int capacity, Comparator<? super T> comparator) {
        this.capacity = capacity;
        this.comparator = comparator;
        // A max-heap on the ordering: the head is the largest kept element, the first to go.
        this.heap = new PriorityQueue<>(Math.max(1, Math.min(capacity, 1024)), comparator.reversed());
    }

    public void add(T value) {
        if (capacity <= 0) {
            return;
        }
        if (heap.size() < capacity) {
            heap.add(value);
        } else if (comparator.compare(value, heap.peek()) < 0) {
            heap.poll();
            heap.add(value);
        }
    }

    public void addAll(Iterator<? extends T> values) {
        while (values.hasNext()) {
            add(values.next());
        }
    }

    public BoundedPriorityQueue<T> merge(BoundedPriorityQueue<T> other) {
        for (T value : other.heap) {
            add(value);
        }
        return this;
    }

    /** The kept elements in ascending order. */
    public List<T> toSortedList() {
        List<T> values = new ArrayList<>(heap);
        values.sort(comparator);
        return values;
    }

    @Override
    public Iterator<T> iterator() {
        return heap.iterator();
    }

    public int size() {
        return heap.size();
    }
}
