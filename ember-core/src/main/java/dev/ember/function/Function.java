package dev.ember.function;

import java.io.Serializable;

/** A function of one argument, as in {@code map} and {@code filter}. */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
    R call(T value) throws Exception;

    /**
     * The function that returns its argument. Always the same instance, also after serialization, so the engine can
     * tell it apart: an aggregation whose combiner starts as the value itself, as in {@code reduceByKey}, can then
     * keep primitive keys and values unboxed.
     */
    @SuppressWarnings("unchecked")
    static <T> Function<T, T> identity() {
        return (Function<T, T>) Identity.INSTANCE;
    }
}
