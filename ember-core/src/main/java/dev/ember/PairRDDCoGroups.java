package dev.ember;

import dev.ember.rdd.CoGroupedRDD;
import dev.ember.rdd.Partitioners;

/**
 * The {@code cogroup} operations of a {@link PairRDD}: for each key, the values it has in this RDD and in one, two
 * or three others, in one shuffle (inputs already partitioned by the target partitioner are read in place). Every
 * key of any input appears once; a side where it does not occur gives an empty {@code Iterable}. The values of a
 * key are held in memory together, as with {@code groupByKey}; grouping spills to disk under memory pressure. The
 * building block of the joins. Sealed: only {@code PairRDD} implements it.
 *
 * <p>Without a partitioner or partition count, the partitioner of an input that has one is used, as for joins
 * ({@link Partitioners#defaultPartitioner}).
 *
 * @param <K> key type
 * @param <V> value type of this RDD
 */
public sealed interface PairRDDCoGroups<K, V> permits PairRDD {
    /** This RDD. */
    @SuppressWarnings("unchecked")
    private PairRDD<K, V> self() {
        return (PairRDD<K, V>) this;
    }

    // ---- with one other ----

    /** For each key of either RDD, its values in this RDD and in {@code other}. */
    default <W> PairRDD<K, Pair<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other, Partitioner partitioner) {
        return CoGroupedRDD.cogroup(self(), other, partitioner);
    }

    default <W> PairRDD<K, Pair<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other, int numPartitions) {
        return cogroup(other, new HashPartitioner(numPartitions));
    }

    default <W> PairRDD<K, Pair<Iterable<V>, Iterable<W>>> cogroup(PairRDD<K, W> other) {
        return cogroup(other, Partitioners.defaultPartitioner(self(), other));
    }

    /** Same as {@link #cogroup(PairRDD)}. */
    default <W> PairRDD<K, Pair<Iterable<V>, Iterable<W>>> groupWith(PairRDD<K, W> other) {
        return cogroup(other);
    }

    // ---- with two others ----

    /**
     * For each key of any of the three RDDs, its values in this RDD ({@link CoGrouped3#first()}), in {@code other1}
     * ({@code second}) and in {@code other2} ({@code third}).
     */
    default <W1, W2> PairRDD<K, CoGrouped3<V, W1, W2>> cogroup(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, Partitioner partitioner) {
        return CoGroupedRDD.cogroup(self(), other1, other2, partitioner);
    }

    default <W1, W2> PairRDD<K, CoGrouped3<V, W1, W2>> cogroup(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, int numPartitions) {
        return cogroup(other1, other2, new HashPartitioner(numPartitions));
    }

    default <W1, W2> PairRDD<K, CoGrouped3<V, W1, W2>> cogroup(PairRDD<K, W1> other1, PairRDD<K, W2> other2) {
        return cogroup(other1, other2, Partitioners.defaultPartitioner(self(), other1, other2));
    }

    /** Same as {@link #cogroup(PairRDD, PairRDD)}. */
    default <W1, W2> PairRDD<K, CoGrouped3<V, W1, W2>> groupWith(PairRDD<K, W1> other1, PairRDD<K, W2> other2) {
        return cogroup(other1, other2);
    }

    // ---- with three others ----

    /**
     * For each key of any of the four RDDs, its values in this RDD ({@link CoGrouped4#first()}), in {@code other1}
     * ({@code second}), in {@code other2} ({@code third}) and in {@code other3} ({@code fourth}).
     */
    default <W1, W2, W3> PairRDD<K, CoGrouped4<V, W1, W2, W3>> cogroup(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, PairRDD<K, W3> other3, Partitioner partitioner) {
        return CoGroupedRDD.cogroup(self(), other1, other2, other3, partitioner);
    }

    default <W1, W2, W3> PairRDD<K, CoGrouped4<V, W1, W2, W3>> cogroup(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, PairRDD<K, W3> other3, int numPartitions) {
        return cogroup(other1, other2, other3, new HashPartitioner(numPartitions));
    }

    default <W1, W2, W3> PairRDD<K, CoGrouped4<V, W1, W2, W3>> cogroup(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, PairRDD<K, W3> other3) {
        return cogroup(other1, other2, other3, Partitioners.defaultPartitioner(self(), other1, other2, other3));
    }

    /** Same as {@link #cogroup(PairRDD, PairRDD, PairRDD)}. */
    default <W1, W2, W3> PairRDD<K, CoGrouped4<V, W1, W2, W3>> groupWith(
            PairRDD<K, W1> other1, PairRDD<K, W2> other2, PairRDD<K, W3> other3) {
        return cogroup(other1, other2, other3);
    }
}
