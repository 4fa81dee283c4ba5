package dev.ember.function;

import java.io.Serializable;

/** A function returning a primitive {@code double}, as in {@code mapToDouble}. */
@FunctionalInterface
public interface DoubleFunction<T> extends Serializable {
    double call(T value) throws Exception;
}
