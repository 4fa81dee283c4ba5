package dev.ember.function;

import java.io.Serializable;

/** A value to one value: {@code ds.map(...)}. */
@FunctionalInterface
public interface MapFunction<T, U> extends Serializable {
    U call(T value) throws Exception;
}
