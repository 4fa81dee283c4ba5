package dev.ember;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * The values of one key in four pair RDDs, as {@code rdd.cogroup(other1, other2, other3)} groups them (Spark's
 * {@code Tuple4} of {@code Iterable}s). A side where the key does not occur has an empty {@code Iterable}.
 *
 * @param first the values in the RDD {@code cogroup} was called on
 * @param second the values in {@code other1}
 * @param third the values in {@code other2}
 * @param fourth the values in {@code other3}
 */
public record CoGrouped4<V, W1, W2, W3>(Iterable<V> first, Iterable<W1> second, Iterable<W2> third, Iterable<W3> fourth)
        implements Serializable {
    public CoGrouped4 {
        requireNonNull(first, "first is null");
        requireNonNull(second, "second is null");
        requireNonNull(third, "third is null");
        requireNonNull(fourth, "fourth is null");
    }

    @Override
    public String toString() {
        return "(" + first + "," + second + "," + third + "," + fourth + ")";
    }
}
