package dev.ember.util;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Small iterator combinators used by RDDs and storage. */
public final class Iterators {
    private Iterators() {}

    /** {@code first} then {@code second}. */
    public static <T> Iterator<T> concat(Iterator<? extends T> first, Iterator<? extends T> second) {
        return new Iterator<>() {
            private boolean onFirst = true;

            @Override
            public boolean hasNext() {
                if (onFirst) {
                    if (first.hasNext()) {
                        return true;
                    }
                    onFirst = false;
                }
                return second.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return onFirst ? first.next() : second.next();
            }
        };
    }

    /** The elements of an array, from {@code from} (inclusive) to {@code to} (exclusive). */
    public static <T> Iterator<T> ofArray(Object[] values, int from, int to) {
        return new Iterator<>() {
            private int position = from;

            @Override
            public boolean hasNext() {
                return position < to;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (position >= to) {
                    throw new NoSuchElementException();
                }
                return (T) values[position++];
            }
        };
    }

    /** Counts and drains the remaining elements. */
    public static long count(Iterator<?> values) {
        long count = 0;
        while (values.hasNext()) {
            values.next();
            count++;
        }
        return count;
    }
}
