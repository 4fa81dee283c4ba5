package dev.ember.rdd;

import dev.ember.DoubleRDD;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.StatCounter;
import java.util.Arrays;
import java.util.List;

/** The implementations of the numeric actions of {@link DoubleRDD}. */
public final class NumericActions {
    private NumericActions() {}

    /** Sums each partition with compensation, then the partition sums the same way. */
    public static double sum(DoubleRDD rdd) {
        List<double[]> partials = rdd.context().runJob(rdd, (task, values) -> {
            CompensatedSum sum = new CompensatedSum();
            while (values.hasNext()) {
                sum.add(values.next());
            }
            return new double[] {sum.sum, sum.compensation};
        });
        CompensatedSum total = new CompensatedSum();
        for (double[] partial : partials) {
            total.add(partial[0]);
            total.add(partial[1]);
        }
        return total.result();
    }

    /**
     * Neumaier's variant of Kahan summation: {@code compensation} collects the low-order bits each addition drops,
     * whichever operand is larger. Once the sum is not finite the compensation means nothing: it stops, and the
     * sum goes on as plain addition would.
     */
    private static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double value) {
            double next = sum + value;
            if (!Double.isFinite(next)) {
                sum = next;
                return;
            }
            if (Math.abs(sum) >= Math.abs(value)) {
                compensation += (sum - next) + value;
            } else {
                compensation += (value - next) + sum;
            }
            sum = next;
        }

        double result() {
            return Double.isFinite(sum) ? sum + compensation : sum;
        }
    }

    /** One {@link StatCounter} per partition, merged on the driver in partition order. */
    public static StatCounter stats(DoubleRDD rdd) {
        List<StatCounter> partials = rdd.context().runJob(rdd, (task, values) -> {
            StatCounter counter = new StatCounter();
            while (values.hasNext()) {
                counter.merge(values.next());
            }
            return counter;
        });
        StatCounter total = new StatCounter();
        for (StatCounter partial : partials) {
            total.merge(partial);
        }
        return total;
    }

    /** The largest ({@code largest}) or smallest element in the order of {@link Double#compare}. */
    public static Double extreme(DoubleRDD rdd, boolean largest) {
        List<double[]> partials = rdd.context().runJob(rdd, (task, values) -> {
            if (!values.hasNext()) {
                return new double[0];
            }
            double best = values.next();
            while (values.hasNext()) {
                best = better(best, values.next(), largest);
            }
            return new double[] {best};
        });
        double[] result = null;
        for (double[] partial : partials) {
            if (partial.length > 0) {
                result = result == null ? partial : new double[] {better(result[0], partial[0], largest)};
            }
        }
        if (result == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    (largest ? "max()" : "min()") + " on an empty RDD " + rdd + ": there is no element to return");
        }
        return result[0];
    }

    private static double better(double current, double candidate, boolean largest) {
        int comparison = Double.compare(candidate, current);
        return (largest ? comparison > 0 : comparison < 0) ? candidate : current;
    }

    // ---- histograms ----

    /** Counts per bucket, after checking that the edges make buckets. */
    public static long[] histogram(DoubleRDD rdd, double[] buckets, boolean evenBuckets) {
        checkBuckets(buckets);
        return count(rdd, buckets.clone(), evenBuckets);
    }

    static void checkBuckets(double[] buckets) {
        if (buckets == null || buckets.length < 2) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "histogram(buckets) needs at least two bucket edges, got "
                            + (buckets == null ? "null" : Arrays.toString(buckets)));
        }
        for (int i = 0; i < buckets.length; i++) {
            if (Double.isNaN(buckets[i])) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "histogram(buckets): bucket edge " + i + " is NaN in " + Arrays.toString(buckets));
            }
            if (i > 0 && !(buckets[i - 1] < buckets[i])) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "histogram(buckets): bucket edges must be strictly increasing, but edge " + i + " ("
                                + buckets[i] + ") is not above edge " + (i - 1) + " (" + buckets[i - 1] + ") in "
                                + Arrays.toString(buckets));
            }
        }
    }

    /** {@code bucketCount} even buckets from the smallest to the largest element; one bucket if they are equal. */
    public static Pair<double[], long[]> histogram(DoubleRDD rdd, int bucketCount) {
        if (bucketCount < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "histogram(bucketCount) needs at least one bucket, not " + bucketCount);
        }
        StatCounter stats = stats(rdd);
        double min = stats.min();
        double max = stats.max();
        if (stats.count() == 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "histogram(" + bucketCount + ") of an empty RDD " + rdd
                            + ": there is no range to divide into buckets; pass the bucket edges instead");
        }
        if (Double.isNaN(min) || Double.isNaN(max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "histogram(" + bucketCount + ") of " + rdd + ", which contains NaN or an infinity (its range is ["
                            + min + ", " + max + "]): filter them out, or pass the bucket edges instead");
        }
        double[] buckets;
        if (min == max) {
            buckets = new double[] {min, max};
        } else {
            buckets = new double[bucketCount + 1];
            double span = max - min;
            for (int i = 0; i < bucketCount; i++) {
                buckets[i] = Double.isFinite(span)
                        ? min + (i * span) / bucketCount
                        // A span beyond the largest double: interpolate without forming it.
                        : min * (1 - (double) i / bucketCount) + max * ((double) i / bucketCount);
            }
            buckets[bucketCount] = max;
        }
        return Pair.of(buckets, count(rdd, buckets, true));
    }

    private static long[] count(DoubleRDD rdd, double[] buckets, boolean evenBuckets) {
        int bucketCount = buckets.length - 1;
        boolean arithmetic = evenBuckets && Double.isFinite(buckets[0]) && Double.isFinite(buckets[bucketCount]);
        List<long[]> partials = rdd.context().runJob(rdd, (task, values) -> {
            long[] counts = new long[bucketCount];
            while (values.hasNext()) {
                int bucket = bucketOf(values.next(), buckets, arithmetic);
                if (bucket >= 0) {
                    counts[bucket]++;
                }
            }
            return counts;
        });
        long[] counts = new long[bucketCount];
        for (long[] partial : partials) {
            for (int i = 0; i < bucketCount; i++) {
                counts[i] += partial[i];
            }
        }
        return counts;
    }

    /**
     * The bucket of {@code value}, or -1 if it is in none. With {@code arithmetic} the bucket is first guessed from
     * the value's position in the range, then moved until its edges hold the value, so rounding in the guess
     * cannot put a value on the wrong side of an edge.
     */
    static int bucketOf(double value, double[] buckets, boolean arithmetic) {
        int last = buckets.length - 1;
        if (Double.isNaN(value) || value < buckets[0] || value > buckets[last]) {
            return -1;
        }
        if (value == buckets[last]) {
            return last - 1;
        }
        if (arithmetic) {
            double position = (value - buckets[0]) / (buckets[last] - buckets[0]) * last;
            int bucket = Double.isNaN(position) ? 0 : (int) Math.max(0, Math.min(last - 1, position));
            while (bucket > 0 && value < buckets[bucket]) {
                bucket--;
            }
            while (bucket < last - 1 && value >= buckets[bucket + 1]) {
                bucket++;
            }
            return bucket;
        }
        // The binary search orders -0.0 below 0.0; the comparisons above do not. Adding 0.0 turns -0.0 into 0.0.
        int found = Arrays.binarySearch(buckets, value + 0.0);
        return found >= 0 ? found : -found - 2;
    }
}
