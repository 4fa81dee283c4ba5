package dev.ember.function;

import dev.ember.Pair;
import java.io.Serializable;

/** A function returning a key-value pair, as in {@code mapToPair}. */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Serializable {
    Pair<K, V> call(T value) throws Exception;
}
