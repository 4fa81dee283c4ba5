package dev.ember.sql.function;

import java.io.Serializable;

/** A value to any number of values: {@code ds.flatMap(...)}. */
@FunctionalInterface
public interface FlatMapFunction<T, U> extends Serializable {
    java.util.Iterator<U> call(T value) throws Exception;
}
