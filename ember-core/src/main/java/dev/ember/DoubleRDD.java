package dev.ember;

import dev.ember.function.Function;
import dev.ember.rdd.NumericActions;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An RDD of numbers, with the numeric actions: {@link #sum()}, {@link #stats()} and what it gives ({@code mean},
 * {@code variance}, {@code stdev}, ...), {@link #max()}, {@link #min()} and {@link #histogram(double[])}. Made by
 * {@code rdd.mapToDouble(function)}, {@code ctx.parallelizeDoubles(list)} or {@link #of(RDD)}. Everything an
 * {@link RDD} does works too; operations that keep the numbers as they are ({@code filter}, {@code distinct},
 * {@code union}, {@code sample}, {@code cache}, ...) return a {@code DoubleRDD}.
 *
 * <p>Numbers of other types: {@code longs.mapToDouble(Long::doubleValue).stats()}, or
 * {@code ints.mapToDouble(Integer::doubleValue)}. A {@code long} beyond 2<sup>53</sup> in magnitude loses its last
 * digits on the way; sum such values exactly with {@code reduce(Long::sum)}. Null elements fail the action that
 * reads them, as unboxing a null does.
 *
 * <p>Every statistic of {@link #stats()} comes from one pass over the data; call {@code stats()} once and read
 * several statistics from it rather than calling {@code mean()} and {@code stdev()}, which run a job each.
 */
public final class DoubleRDD extends RDD<Double> {
    private static final long serialVersionUID = 1L;

    private DoubleRDD(RDD<Double> parent) {
        super(parent);
    }

    /** Views an RDD of numbers as a {@code DoubleRDD}. */
    public static DoubleRDD of(RDD<Double> rdd) {
        if (rdd instanceof DoubleRDD numbers) {
            return numbers;
        }
        return new DoubleRDD(rdd);
    }

    @SuppressWarnings("unchecked")
    private RDD<Double> parent() {
        return (RDD<Double>) firstParent();
    }

    @Override
    protected List<Partition> getPartitions() {
        return parent().partitions();
    }

    @Override
    protected Iterator<Double> compute(Partition split, TaskContext context) {
        return parent().iterator(split, context);
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return parent().partitioner();
    }

    // ---- numeric actions ----

    /**
     * The sum of the elements; 0 for an empty RDD. Added with compensated (Kahan-Babuška) summation, within each
     * partition and across partitions, so the rounding error does not grow with the number of elements. An
     * infinity or NaN among the elements makes the sum infinite or NaN, as plain addition does.
     */
    public double sum() {
        return NumericActions.sum(this);
    }

    /**
     * Count, mean, variance, maximum and minimum of the elements, in one job. An empty RDD gives a counter with
     * count 0 (see {@link StatCounter} for what it reports then).
     */
    public StatCounter stats() {
        return NumericActions.stats(this);
    }

    /** The mean of the elements ({@code stats().mean()}); NaN for an empty RDD. */
    public double mean() {
        return stats().mean();
    }

    /** The population variance ({@code stats().variance()}): divided by the count; NaN for an empty RDD. */
    public double variance() {
        return stats().variance();
    }

    /** Same as {@link #variance()}. */
    public double popVariance() {
        return variance();
    }

    /** The sample variance ({@code stats().sampleVariance()}): divided by count - 1; NaN for fewer than two. */
    public double sampleVariance() {
        return stats().sampleVariance();
    }

    /** The population standard deviation ({@code stats().stdev()}); NaN for an empty RDD. */
    public double stdev() {
        return stats().stdev();
    }

    /** Same as {@link #stdev()}. */
    public double popStdev() {
        return stdev();
    }

    /** The sample standard deviation ({@code stats().sampleStdev()}); NaN for fewer than two elements. */
    public double sampleStdev() {
        return stats().sampleStdev();
    }

    /**
     * The largest element, in the order of {@link Double#compare}: a NaN is larger than every number (and so is
     * returned if present), {@code 0.0} is larger than {@code -0.0}. Fails on an empty RDD.
     */
    public Double max() {
        return NumericActions.extreme(this, true);
    }

    /**
     * The smallest element, in the order of {@link Double#compare} (a NaN only if every element is NaN, {@code -0.0}
     * below {@code 0.0}). Fails on an empty RDD.
     */
    public Double min() {
        return NumericActions.extreme(this, false);
    }

    /**
     * How many elements fall into each bucket. {@code buckets} are the edges, strictly increasing: bucket {@code i}
     * holds the elements {@code x} with {@code buckets[i] <= x < buckets[i + 1]}, except the last bucket, which
     * holds its right edge too ({@code [1, 10, 20, 50]} makes the buckets [1, 10), [10, 20) and [20, 50]).
     * Elements below the first edge or above the last, and NaNs, are counted nowhere. Edges may be infinite. An
     * empty RDD gives zeros.
     *
     * @return one count per bucket: {@code buckets.length - 1} counts
     * @throws EmberException {@code INVALID_ARGUMENT} if there are fewer than two edges, an edge is NaN, or the edges
     *     are not strictly increasing
     */
    public long[] histogram(double[] buckets) {
        return histogram(buckets, false);
    }

    /**
     * {@link #histogram(double[])}; {@code evenBuckets} says the edges are evenly spaced, which lets each element
     * find its bucket by arithmetic instead of a binary search. The counts are the same either way.
     */
    public long[] histogram(double[] buckets, boolean evenBuckets) {
        return NumericActions.histogram(this, buckets, evenBuckets);
    }

    /**
     * A histogram of {@code bucketCount} buckets of equal width between the smallest and the largest element: edges
     * {@code min + i * (max - min) / bucketCount} for {@code i < bucketCount}, then {@code max}, the last bucket
     * holding {@code max} itself. If every element is the same number {@code x}, there is one bucket, edges
     * {@code [x, x]}, holding every element. Runs two jobs: one for the range, one for the counts.
     *
     * @return the edges ({@code bucketCount + 1} of them, or 2) and the counts
     * @throws EmberException {@code INVALID_ARGUMENT} if {@code bucketCount < 1}, if the RDD is empty (it has no
     *     range), or if it contains an infinity or NaN (filter them out, or pass explicit edges to
     *     {@link #histogram(double[])})
     */
    public Pair<double[], long[]> histogram(int bucketCount) {
        return NumericActions.histogram(this, bucketCount);
    }

    // ---- RDD operations that keep numbers ----

    @Override
    public DoubleRDD filter(Function<Double, Boolean> predicate) {
        return of(super.filter(predicate));
    }

    @Override
    public DoubleRDD distinct() {
        return of(super.distinct());
    }

    @Override
    public DoubleRDD distinct(int numPartitions) {
        return of(super.distinct(numPartitions));
    }

    @Override
    public DoubleRDD union(RDD<Double> other) {
        return of(super.union(other));
    }

    @Override
    public DoubleRDD sample(boolean withReplacement, double fraction) {
        return of(super.sample(withReplacement, fraction));
    }

    @Override
    public DoubleRDD sample(boolean withReplacement, double fraction, long seed) {
        return of(super.sample(withReplacement, fraction, seed));
    }

    @Override
    public DoubleRDD intersection(RDD<Double> other) {
        return of(super.intersection(other));
    }

    @Override
    public DoubleRDD intersection(RDD<Double> other, int numPartitions) {
        return of(super.intersection(other, numPartitions));
    }

    @Override
    public DoubleRDD subtract(RDD<Double> other) {
        return of(super.subtract(other));
    }

    @Override
    public DoubleRDD subtract(RDD<Double> other, int numPartitions) {
        return of(super.subtract(other, numPartitions));
    }

    @Override
    public DoubleRDD coalesce(int numPartitions) {
        return of(super.coalesce(numPartitions));
    }

    @Override
    public DoubleRDD coalesce(int numPartitions, boolean shuffle) {
        return of(super.coalesce(numPartitions, shuffle));
    }

    @Override
    public DoubleRDD repartition(int numPartitions) {
        return of(super.repartition(numPartitions));
    }

    @Override
    public DoubleRDD persist(StorageLevel level) {
        super.persist(level);
        return this;
    }

    @Override
    public DoubleRDD cache() {
        super.cache();
        return this;
    }

    @Override
    public DoubleRDD unpersist() {
        super.unpersist();
        return this;
    }

    @Override
    public DoubleRDD unpersist(boolean blocking) {
        super.unpersist(blocking);
        return this;
    }

    @Override
    public DoubleRDD setName(String name) {
        super.setName(name);
        return this;
    }

    @Override
    public DoubleRDD localCheckpoint() {
        super.localCheckpoint();
        return this;
    }
}
