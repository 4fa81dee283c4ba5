package dev.ember.function;

import java.io.Serializable;

/** A partition's values to values: {@code ds.mapPartitions(...)}. */
@FunctionalInterface
public interface MapPartitionsFunction<T, U> extends Serializable {
    java.util.Iterator<U> call(java.util.Iterator<T> values) throws Exception;
}
