package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.util.Exceptions;
import java.io.Serializable;

/**
 * The three functions that aggregate values by key: start a combiner from the first value, add a value to a
 * combiner, and merge two combiners (from different map tasks or spill files).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <C> combiner type
 */
public record Aggregator<K, V, C>(
        Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners)
        implements Serializable {
    public Aggregator {
        requireNonNull(createCombiner, "createCombiner is null");
        requireNonNull(mergeValue, "mergeValue is null");
        requireNonNull(mergeCombiners, "mergeCombiners is null");
    }

    public C create(V value) {
        try {
            return createCombiner.call(value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public C mergeValue(C combiner, V value) {
        try {
            return mergeValue.call(combiner, value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public C mergeCombiners(C first, C second) {
        try {
            return mergeCombiners.call(first, second);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }
}
