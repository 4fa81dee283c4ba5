package dev.ember.function;

import dev.ember.Pair;
import java.io.Serializable;
import java.util.Iterator;

/** A function returning any number of key-value pairs, as in {@code flatMapToPair}. */
@FunctionalInterface
public interface PairFlatMapFunction<T, K, V> extends Serializable {
    Iterator<Pair<K, V>> call(T value) throws Exception;
}
