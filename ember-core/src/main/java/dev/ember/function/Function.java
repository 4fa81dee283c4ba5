package dev.ember.function;

import java.io.Serializable;

/** A function of one argument, as in {@code map} and {@code filter}. */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
    R call(T value) throws Exception;
}
