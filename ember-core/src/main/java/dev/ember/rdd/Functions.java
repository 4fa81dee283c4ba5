package dev.ember.rdd;

import dev.ember.Pair;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function0;
import dev.ember.function.Function2;
import dev.ember.function.PairFlatMapFunction;
import dev.ember.function.PairFunction;
import dev.ember.function.VoidFunction;
import dev.ember.util.Exceptions;
import java.util.Iterator;

/** Calls user functions from code that cannot declare their checked exceptions; the exception itself propagates. */
public final class Functions {
    private Functions() {}

    public static <R> R call(Function0<R> function) {
        try {
            return function.call();
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <T, R> R call(Function<T, R> function, T value) {
        try {
            return function.call(value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <A, B, R> R call(Function2<A, B, R> function, A first, B second) {
        try {
            return function.call(first, second);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <T, R> Iterator<R> call(FlatMapFunction<T, R> function, T value) {
        try {
            Iterator<R> result = function.call(value);
            if (result == null) {
                throw new NullPointerException("The function passed to flatMap returned null instead of an iterator");
            }
            return result;
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <T, K, V> Pair<K, V> call(PairFunction<T, K, V> function, T value) {
        try {
            return function.call(value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <T, K, V> Iterator<Pair<K, V>> call(PairFlatMapFunction<T, K, V> function, T value) {
        try {
            Iterator<Pair<K, V>> result = function.call(value);
            if (result == null) {
                throw new NullPointerException(
                        "The function passed to flatMapToPair returned null instead of an iterator");
            }
            return result;
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public static <T> void run(VoidFunction<T> function, T value) {
        try {
            function.call(value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }
}
