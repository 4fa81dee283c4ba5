package dev.ember.function;

import java.io.Serializable;

/** A group's key and values to one value: {@code groupByKey(...).mapGroups(...)}. */
@FunctionalInterface
public interface MapGroupsFunction<K, V, U> extends Serializable {
    U call(K key, java.util.Iterator<V> values) throws Exception;
}
