package dev.ember;

import java.io.Serializable;

/**
 * A key and a value: the element type of {@link PairRDD}. Either may be null. Pairs are equal when their keys and
 * values are equal.
 */
public record Pair<K, V>(K key, V value) implements Serializable {
    /** The pair {@code (key, value)}. */
    public static <K, V> Pair<K, V> of(K key, V value) {
        return new Pair<>(key, value);
    }

    /** The pair with key and value exchanged. */
    public Pair<V, K> swap() {
        return new Pair<>(value, key);
    }

    @Override
    public String toString() {
        return "(" + key + "," + value + ")";
    }
}
