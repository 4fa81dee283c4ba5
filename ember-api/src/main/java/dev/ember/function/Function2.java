package dev.ember.function;

import java.io.Serializable;

/** A function of two arguments, as in {@code reduce} and {@code reduceByKey}. */
@FunctionalInterface
public interface Function2<T1, T2, R> extends Serializable {
    R call(T1 first, T2 second) throws Exception;
}
