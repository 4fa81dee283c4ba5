package dev.ember.rdd;

import dev.ember.Pair;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The iterators of the element-wise transformations ({@code map}, {@code flatMap}, {@code filter} and their pair
 * forms): each wraps a partition's iterator and calls the user's function once per element, with its checked
 * exceptions rethrown as they are.
 */
public final class Iterators {
    private Iterators() {}

    /** {@code function} applied to each of {@code values}. */
    public static <T, R> Iterator<R> map(Iterator<T> values, Function<T, R> function) {
        return new MappingIterator<>(values, function);
    }

    /** The elements of the iterators {@code function} returns for each of {@code values}, in order. */
    public static <T, R> Iterator<R> flatMap(Iterator<T> values, FlatMapFunction<T, R> function) {
        return new FlatteningIterator<>(values, function);
    }

    /** The elements of {@code values} for which {@code predicate} returns true. */
    public static <T> Iterator<T> filter(Iterator<T> values, Function<T, Boolean> predicate) {
        return new FilteringIterator<>(values, predicate);
    }

    /** The elements of {@code values} paired with ids {@code i * partitions + partition}, i counting from 0. */
    public static <T> Iterator<Pair<T, Long>> withUniqueIds(Iterator<T> values, int partition, int partitions) {
        return new Iterator<>() {
            private long position;

            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Pair<T, Long> next() {
                return Pair.of(values.next(), position++ * partitions + partition);
            }
        };
    }

    /** All of {@code values} as one list, the only element of the result. */
    public static <T> Iterator<List<T>> glom(Iterator<T> values) {
        List<T> all = new ArrayList<>();
        values.forEachRemaining(all::add);
        return List.of(all).iterator();
    }

    private static final class MappingIterator<T, R> implements Iterator<R> {
        private final Iterator<T> values;
        private final Function<T, R> function;

        MappingIterator(Iterator<T> values, Function<T, R> function) {
            this.values = values;
            this.function = function;
        }

        @Override
        public boolean hasNext() {
            return values.hasNext();
        }

        @Override
        public R next() {
            return Functions.call(function, values.next());
        }
    }

    private static final class FlatteningIterator<T, R> implements Iterator<R> {
        private final Iterator<T> values;
        private final FlatMapFunction<T, R> function;
        private Iterator<R> current = Collections.emptyIterator();

        FlatteningIterator(Iterator<T> values, FlatMapFunction<T, R> function) {
            this.values = values;
            this.function = function;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (!values.hasNext()) {
                    return false;
                }
                current = Functions.call(function, values.next());
            }
            return true;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    private static final class FilteringIterator<T> implements Iterator<T> {
        private final Iterator<T> values;
        private final Function<T, Boolean> predicate;
        private T next;
        private boolean hasNext;

        FilteringIterator(Iterator<T> values, Function<T, Boolean> predicate) {
            this.values = values;
            this.predicate = predicate;
        }

        @Override
        public boolean hasNext() {
            while (!hasNext && values.hasNext()) {
                T candidate = values.next();
                if (Boolean.TRUE.equals(Functions.call(predicate, candidate))) {
                    next = candidate;
                    hasNext = true;
                }
            }
            return hasNext;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = false;
            T value = next;
            next = null;
            return value;
        }
    }
}
