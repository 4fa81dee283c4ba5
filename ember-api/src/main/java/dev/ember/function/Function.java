package dev.ember.function;

import java.io.Serializable;

/** A function of one argument, as in {@code map} and {@code filter}. */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
    R call(T value) throws Exception;

    /**
     * The function that returns its argument. Always the same instance (also after serialization), so that
     * {@code Aggregator.of} can tell a combiner that starts as the value itself: with a merge function that names a
     * reduction ({@link Reducers}), such an aggregation keeps primitive keys and values unboxed.
     */
    @SuppressWarnings("unchecked")
    static <T> Function<T, T> identity() {
        return (Function<T, T>) Identity.INSTANCE;
    }
}
