package dev.ember;

import java.io.Serializable;
import java.util.Locale;

/**
 * Count, mean, variance, minimum and maximum of a set of numbers, kept in one pass and mergeable: what
 * {@link DoubleRDD#stats()} returns. Values are added with Welford's update and counters are merged with Chan's
 * formula, both of which keep the sum of squared deviations directly instead of a sum of squares, so the variance
 * stays accurate for large values with a small spread.
 *
 * <p>With no values: {@code count} 0, {@code sum} 0, {@code mean} and the variances NaN, {@code max}
 * {@code -Infinity} and {@code min} {@code +Infinity} (the identities of max and min, so that merging an empty
 * counter changes nothing). A NaN value makes the mean, the variances, {@code max} and {@code min} NaN.
 *
 * <p>Mutable: {@code merge} changes this counter and returns it. Not thread-safe.
 */
public final class StatCounter implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double mean;
    /** The sum of squared deviations from the mean. */
    private double squaredDeviations;

    private double max = Double.NEGATIVE_INFINITY;
    private double min = Double.POSITIVE_INFINITY;

    /** A counter of no values. */
    public StatCounter() {}

    /** A counter of {@code values}. */
    public StatCounter(Iterable<Double> values) {
        merge(values);
    }

    /** A counter of {@code values}. */
    public static StatCounter of(double... values) {
        StatCounter counter = new StatCounter();
        for (double value : values) {
            counter.merge(value);
        }
        return counter;
    }

    /** Adds one value. */
    public StatCounter merge(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        max = Math.max(max, value);
        min = Math.min(min, value);
        return this;
    }

    /** Adds every value of {@code values}. */
    public StatCounter merge(Iterable<Double> values) {
        for (double value : values) {
            merge(value);
        }
        return this;
    }

    /** Adds the values counted by {@code other} (which is left unchanged); merging a counter with itself doubles it. */
    public StatCounter merge(StatCounter other) {
        if (other == this) {
            return merge(other.copy());
        }
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            squaredDeviations = other.squaredDeviations;
            max = other.max;
            min = other.min;
            return this;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        double otherShare = (double) other.count / total;
        // Chan et al.: the combined mean moves toward the other's by its share; the deviations gain the spread
        // between the two means.
        mean += delta * otherShare;
        squaredDeviations += other.squaredDeviations + delta * delta * count * otherShare;
        count = total;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
        return this;
    }

    /** An independent counter with the same statistics. */
    public StatCounter copy() {
        StatCounter copy = new StatCounter();
        copy.count = count;
        copy.mean = mean;
        copy.squaredDeviations = squaredDeviations;
        copy.max = max;
        copy.min = min;
        return copy;
    }

    public long count() {
        return count;
    }

    /** The mean; NaN with no values. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** The sum, as {@code count * mean}; 0 with no values. */
    public double sum() {
        return count == 0 ? 0 : count * mean;
    }

    /** The largest value; {@code -Infinity} with no values. */
    public double max() {
        return max;
    }

    /** The smallest value; {@code +Infinity} with no values. */
    public double min() {
        return min;
    }

    /** The population variance: squared deviations divided by {@code count}; NaN with no values. */
    public double variance() {
        return count == 0 ? Double.NaN : squaredDeviations / count;
    }

    /** Same as {@link #variance()}. */
    public double popVariance() {
        return variance();
    }

    /**
     * The sample variance: squared deviations divided by {@code count - 1}, the unbiased estimate of the variance of
     * the population the values were drawn from; NaN with fewer than two values.
     */
    public double sampleVariance() {
        return count <= 1 ? Double.NaN : squaredDeviations / (count - 1);
    }

    /** The population standard deviation, the square root of {@link #variance()}. */
    public double stdev() {
        return Math.sqrt(variance());
    }

    /** Same as {@link #stdev()}. */
    public double popStdev() {
        return stdev();
    }

    /** The sample standard deviation, the square root of {@link #sampleVariance()}. */
    public double sampleStdev() {
        return Math.sqrt(sampleVariance());
    }

    /** As Spark prints it: {@code (count: 3, mean: 2.000000, stdev: 0.816497, max: 3.000000, min: 1.000000)}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "(count: %d, mean: %f, stdev: %f, max: %f, min: %f)", count, mean(), stdev(), max, min);
    }
}
