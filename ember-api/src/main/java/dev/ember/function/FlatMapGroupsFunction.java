package dev.ember.function;

import java.io.Serializable;

/** A group's key and values to any number of values: {@code groupByKey(...).flatMapGroups(...)}. */
@FunctionalInterface
public interface FlatMapGroupsFunction<K, V, U> extends Serializable {
    java.util.Iterator<U> call(K key, java.util.Iterator<V> values) throws Exception;
}
