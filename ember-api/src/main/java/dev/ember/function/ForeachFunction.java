package dev.ember.function;

import java.io.Serializable;

/** Runs for each value, on the executors: {@code ds.foreach(...)}. */
@FunctionalInterface
public interface ForeachFunction<T> extends Serializable {
    void call(T value) throws Exception;
}
