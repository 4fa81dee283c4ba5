package dev.ember.function;

import java.io.Serializable;
import java.util.Iterator;

/** A function returning any number of results as an iterator, as in {@code flatMap} and {@code mapPartitions}. */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
    Iterator<R> call(T value) throws Exception;
}
