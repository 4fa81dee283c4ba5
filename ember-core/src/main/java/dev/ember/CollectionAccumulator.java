package dev.ember;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every element added, from all tasks. Create with {@code ctx.collectionAccumulator("name")}. */
public final class CollectionAccumulator<T> extends AccumulatorV2<T, List<T>> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<T> values = new ArrayList<>();

    @Override
    public synchronized boolean isZero() {
        return values.isEmpty();
    }

    @Override
    public CollectionAccumulator<T> copy() {
        CollectionAccumulator<T> copy = new CollectionAccumulator<>();
        synchronized (this) {
            copy.values.addAll(values);
        }
        return copy;
    }

    @Override
    public synchronized void reset() {
        values.clear();
    }

    @Override
    public synchronized void add(T value) {
        values.add(value);
    }

    @Override
    public void merge(AccumulatorV2<T, List<T>> other) {
        if (!(other instanceof CollectionAccumulator<T> collection)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Cannot merge " + other.getClass().getName() + " into a CollectionAccumulator");
        }
        List<T> added;
        synchronized (collection) {
            added = new ArrayList<>(collection.values);
        }
        synchronized (this) {
            values.addAll(added);
        }
    }

    /** A snapshot of the elements. */
    @Override
    public synchronized List<T> value() {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
