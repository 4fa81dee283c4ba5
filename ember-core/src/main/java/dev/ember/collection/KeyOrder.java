package dev.ember.collection;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * How records are ordered by key within a partition when an in-memory collection is read out, and how spills are
 * merged. Records always come out by partition first; then:
 *
 * <ul>
 *   <li>{@link None}: in no particular order, keys are not compared (a shuffle without ordering or aggregation);
 *   <li>{@link ByHash}: by key hash code, a null key as 0, which is what spills of an aggregation are merged by.
 *       Equal keys are next to each other among keys of the same hash code, and told apart by {@code equals}.
 *       Collections sort by hash codes read once per key (a radix sort), not by a comparator;
 *   <li>{@link ByComparator}: by a total order (a key ordering asked for by the shuffle): equal keys are adjacent.
 * </ul>
 *
 * @param <K> key type
 */
sealed interface KeyOrder<K> {
    /** No order within a partition. */
    record None<K>() implements KeyOrder<K> {
        private static final None<?> INSTANCE = new None<>();

        @Override
        public Optional<Comparator<? super K>> comparator() {
            return Optional.empty();
        }
    }

    /** By key hash code, a null key as 0. */
    record ByHash<K>() implements KeyOrder<K> {
        private static final ByHash<?> INSTANCE = new ByHash<>();
        private static final Comparator<Object> HASH_CODES = Comparator.comparingInt(KeyOrder::hashCodeOf);

        @Override
        public Optional<Comparator<? super K>> comparator() {
            return Optional.of(HASH_CODES);
        }
    }

    /** By {@code ordering}, a total order. */
    record ByComparator<K>(Comparator<? super K> ordering) implements KeyOrder<K> {
        public ByComparator {
            Objects.requireNonNull(ordering, "ordering is null");
        }

        @Override
        public Optional<Comparator<? super K>> comparator() {
            return Optional.of(ordering);
        }
    }

    @SuppressWarnings("unchecked")
    static <K> KeyOrder<K> none() {
        return (KeyOrder<K>) None.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    static <K> KeyOrder<K> byHash() {
        return (KeyOrder<K>) ByHash.INSTANCE;
    }

    static <K> KeyOrder<K> by(Comparator<? super K> ordering) {
        return new ByComparator<>(ordering);
    }

    /** {@code ordering}, or no order when it is null. */
    static <K> KeyOrder<K> byOrNone(Comparator<? super K> ordering) {
        return ordering == null ? none() : by(ordering);
    }

    /**
     * Two keys compared as this order compares them, to merge sorted sources; empty for {@link None}, which compares
     * no keys.
     */
    Optional<Comparator<? super K>> comparator();

    /** The hash code {@link ByHash} orders by: a null key's is 0. */
    static int hashCodeOf(Object key) {
        return key == null ? 0 : key.hashCode();
    }
}
