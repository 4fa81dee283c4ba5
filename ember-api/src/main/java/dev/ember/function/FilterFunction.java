package dev.ember.function;

import java.io.Serializable;

/** Whether to keep a value: {@code ds.filter(...)}. */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
    boolean call(T value) throws Exception;
}
