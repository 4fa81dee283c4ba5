package dev.ember.function;

import java.io.Serializable;

/** Two values to one, associatively: {@code groupByKey(...).reduceGroups(...)}. */
@FunctionalInterface
public interface ReduceFunction<T> extends Serializable {
    T call(T left, T right) throws Exception;
}
