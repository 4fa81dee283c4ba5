package dev.ember.function;

import java.io.Serializable;

/** A function of two arguments run for its effect. */
@FunctionalInterface
public interface VoidFunction2<T1, T2> extends Serializable {
    void call(T1 first, T2 second) throws Exception;
}
