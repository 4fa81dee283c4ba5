package dev.ember.function;

import java.io.Serializable;

/** A function run for its effect, as in {@code foreach}. */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
    void call(T value) throws Exception;
}
