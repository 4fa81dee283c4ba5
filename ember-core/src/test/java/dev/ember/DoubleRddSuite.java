package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Numbers: {@link DoubleRDD}'s sum, statistics, extremes and histograms, checked against hand-computed answers and
 * against the same numbers computed with plain loops.
 */
public abstract class DoubleRddSuite extends RddConformanceSuite {
    /** Values around 1000 with a spread of about 25, and a few repeats. */
    private static List<Double> noisy(int count, long seed) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(i % 10 == 0 ? 1000.0 : 1000 + 25 * random.nextGaussian());
        }
        return values;
    }

    // ---- statistics ----

    @Test
    void statisticsOfOneTwoThree() {
        DoubleRDD rdd = ctx.parallelizeDoubles(List.of(1.0, 2.0, 3.0), 2);
        assertThat(rdd.sum()).isEqualTo(6.0);
        assertThat(rdd.mean()).isEqualTo(2.0);
        assertThat(rdd.variance()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(rdd.popVariance()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(rdd.sampleVariance()).isCloseTo(1.0, within(1e-15));
        assertThat(rdd.stdev()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(rdd.popStdev()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(rdd.sampleStdev()).isCloseTo(1.0, within(1e-15));
        assertThat(rdd.max()).isEqualTo(3.0);
        assertThat(rdd.min()).isEqualTo(1.0);
        assertThat(rdd.stats())
                .hasToString("(count: 3, mean: 2.000000, stdev: 0.816497, max: 3.000000, min: 1.000000)");
    }

    @Test
    void statisticsMatchPlainLoops() {
        List<Double> values = noisy(5000, 5);
        StatCounter stats = ctx.parallelizeDoubles(values, 7).stats();

        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double value : values) {
            sum += value;
            max = Math.max(max, value);
            min = Math.min(min, value);
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        assertThat(stats.count()).isEqualTo(values.size());
        assertThat(stats.mean()).isCloseTo(mean, within(1e-9));
        assertThat(stats.sum()).isCloseTo(sum, within(1e-6));
        assertThat(stats.variance()).isCloseTo(squares / values.size(), within(1e-7));
        assertThat(stats.sampleVariance()).isCloseTo(squares / (values.size() - 1), within(1e-7));
        assertThat(stats.stdev()).isCloseTo(Math.sqrt(squares / values.size()), within(1e-9));
        assertThat(stats.sampleStdev()).isCloseTo(Math.sqrt(squares / (values.size() - 1)), within(1e-9));
        assertThat(stats.max()).isEqualTo(max);
        assertThat(stats.min()).isEqualTo(min);
        assertThat(ctx.parallelizeDoubles(values, 7).sum()).isCloseTo(sum, within(1e-6));
        assertThat(ctx.parallelizeDoubles(values, 1).stats().variance())
                .as("the same whatever the partitioning")
                .isCloseTo(stats.variance(), within(1e-7));
    }

    @Test
    void longsAndIntegersThroughMapToDouble() {
        StatCounter longs = ctx.range(1, 101).mapToDouble(Long::doubleValue).stats();
        assertThat(longs.count()).isEqualTo(100);
        assertThat(longs.sum()).isEqualTo(5050.0);
        assertThat(longs.mean()).isEqualTo(50.5);
        // Population variance of 1..n is (n^2 - 1) / 12.
        assertThat(longs.variance()).isCloseTo((100.0 * 100 - 1) / 12, within(1e-9));
        assertThat(ctx.parallelize(List.of(4, 8, 15, 16, 23, 42), 3)
                        .mapToDouble(Integer::doubleValue)
                        .sum())
                .isEqualTo(108.0);
    }

    @Test
    void sumIsCompensated() {
        // Plainly added, the 1 is lost beside 1e16 (whose neighbouring doubles are 2 apart).
        List<Double> values = List.of(1e16, 1.0, -1e16);
        assertThat(values.get(0) + values.get(1) + values.get(2)).isZero();
        assertThat(ctx.parallelizeDoubles(values, 1).sum()).isEqualTo(1.0);
        assertThat(ctx.parallelizeDoubles(values, 3).sum()).isEqualTo(1.0);
        assertThat(ctx.parallelizeDoubles(List.of(1.0, Double.POSITIVE_INFINITY), 2)
                        .sum())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ctx.parallelizeDoubles(List.of(1.0, Double.NaN), 2).sum()).isNaN();
    }

    @Test
    void emptyRdds() {
        DoubleRDD empty = ctx.parallelizeDoubles(List.of(), 3);
        assertThat(empty.sum()).isZero();
        StatCounter stats = empty.stats();
        assertThat(stats.count()).isZero();
        assertThat(stats.mean()).isNaN();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.variance()).isNaN();
        assertThat(empty.sampleStdev()).isNaN();
        assertThat(DoubleRDD.of(ctx.emptyRDD()).stats().count()).isZero();

        EmberException max = emberError(empty::max);
        assertThat(max.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(max.getMessage()).contains("max() on an empty RDD");
        assertThat(emberError(empty::min).getMessage()).contains("min() on an empty RDD");

        assertThat(empty.histogram(new double[] {0, 1, 2})).containsExactly(0, 0);
        EmberException histogram = emberError(() -> empty.histogram(4));
        assertThat(histogram.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(histogram.getMessage()).contains("empty RDD");
    }

    @Test
    void singleElement() {
        DoubleRDD one = ctx.parallelizeDoubles(List.of(7.25), 2);
        assertThat(one.sum()).isEqualTo(7.25);
        assertThat(one.mean()).isEqualTo(7.25);
        assertThat(one.variance()).isZero();
        assertThat(one.sampleVariance()).isNaN();
        assertThat(one.max()).isEqualTo(7.25);
        assertThat(one.min()).isEqualTo(7.25);
        Pair<double[], long[]> histogram = one.histogram(5);
        assertThat(histogram.key()).as("one bucket when min == max").containsExactly(7.25, 7.25);
        assertThat(histogram.value()).containsExactly(1);
    }

    @Test
    void maxAndMinOrderNanAndSignedZeros() {
        DoubleRDD withNan = ctx.parallelizeDoubles(List.of(3.0, Double.NaN, -1.0), 3);
        assertThat(withNan.max())
                .as("NaN is above every number in Double.compare")
                .isNaN();
        assertThat(withNan.min()).isEqualTo(-1.0);
        assertThat(withNan.stats().mean()).isNaN();
        DoubleRDD zeros = ctx.parallelizeDoubles(List.of(0.0, -0.0), 2);
        assertThat(zeros.max()).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(zeros.min())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        DoubleRDD infinite =
                ctx.parallelizeDoubles(List.of(Double.NEGATIVE_INFINITY, 5.0, Double.POSITIVE_INFINITY), 2);
        assertThat(infinite.max()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(infinite.min()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    // ---- histograms ----

    @Test
    void histogramWithGivenBucketsByHand() {
        DoubleRDD rdd = ctx.parallelizeDoubles(
                List.of(
                        0.0,
                        1.0,
                        9.99,
                        10.0,
                        19.0,
                        20.0,
                        50.0,
                        50.1,
                        Double.NaN,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY),
                4);
        double[] buckets = {1, 10, 20, 50};
        // [1, 10): 1, 9.99; [10, 20): 10, 19; [20, 50]: 20, 50. Below, above, NaN and infinities are in none.
        assertThat(rdd.histogram(buckets)).containsExactly(2, 2, 2);
        assertThat(rdd.histogram(buckets, true)).containsExactly(2, 2, 2);
        assertThat(rdd.histogram(new double[] {1, 50})).containsExactly(6);
        assertThat(rdd.histogram(new double[] {Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY}))
                .as("[-inf, 0): -inf; [0, +inf]: 0 .. 50.1 and +inf")
                .containsExactly(1, 9);
        assertThat(buckets).as("the caller's array is left alone").containsExactly(1, 10, 20, 50);
    }

    @Test
    void histogramWithGivenBucketsMatchesPlainCounting() {
        List<Double> values = noisy(3000, 11);
        double[] even = {950, 975, 1000, 1025, 1050};
        double[] uneven = {900, 990, 999.5, 1000, 1000.5, 1010, 1100};
        DoubleRDD rdd = ctx.parallelizeDoubles(values, 5);
        assertThat(rdd.histogram(even, true)).containsExactly(countLocally(values, even));
        assertThat(rdd.histogram(even, false)).containsExactly(countLocally(values, even));
        assertThat(rdd.histogram(uneven)).containsExactly(countLocally(values, uneven));
    }

    /** Bucket counts by scanning every bucket for every value. */
    private static long[] countLocally(List<Double> values, double[] buckets) {
        long[] counts = new long[buckets.length - 1];
        for (double value : values) {
            for (int i = 0; i < counts.length; i++) {
                boolean last = i == counts.length - 1;
                if (value >= buckets[i] && (value < buckets[i + 1] || (last && value == buckets[i + 1]))) {
                    counts[i]++;
                    break;
                }
            }
        }
        return counts;
    }

    @Test
    void histogramWithABucketCountByHand() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            values.add((double) i);
        }
        Pair<double[], long[]> histogram = ctx.parallelizeDoubles(values, 3).histogram(3);
        // Range 1..10 in thirds: [1, 4): 1, 2, 3; [4, 7): 4, 5, 6; [7, 10]: 7, 8, 9, 10.
        assertThat(histogram.key()).containsExactly(1, 4, 7, 10);
        assertThat(histogram.value()).containsExactly(3, 3, 4);
        Pair<double[], long[]> one = ctx.parallelizeDoubles(values, 3).histogram(1);
        assertThat(one.key()).containsExactly(1, 10);
        assertThat(one.value()).containsExactly(10);
    }

    @Test
    void histogramWithABucketCountMatchesPlainCounting() {
        List<Double> values = noisy(2000, 23);
        Pair<double[], long[]> histogram = ctx.parallelizeDoubles(values, 4).histogram(7);
        double min = values.stream().mapToDouble(x -> x).min().orElseThrow();
        double max = values.stream().mapToDouble(x -> x).max().orElseThrow();
        double[] buckets = histogram.key();
        assertThat(buckets).hasSize(8);
        assertThat(buckets[0]).isEqualTo(min);
        assertThat(buckets[7]).isEqualTo(max);
        for (int i = 0; i < 7; i++) {
            assertThat(buckets[i]).isCloseTo(min + i * (max - min) / 7, within(1e-9));
        }
        assertThat(histogram.value()).containsExactly(countLocally(values, buckets));
        assertThat(Arrays.stream(histogram.value()).sum()).isEqualTo(values.size());
    }

    @Test
    void badBucketsAreRefused() {
        DoubleRDD rdd = ctx.parallelizeDoubles(List.of(1.0, 2.0), 2);
        EmberException tooFew = emberError(() -> rdd.histogram(new double[] {1}));
        assertThat(tooFew.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(tooFew.getMessage()).contains("at least two bucket edges");
        assertThat(emberError(() -> rdd.histogram(new double[0])).getMessage()).contains("at least two");
        assertThat(emberError(() -> rdd.histogram(new double[] {0, 2, 1})).getMessage())
                .contains("strictly increasing")
                .contains("edge 2 (1.0)");
        assertThat(emberError(() -> rdd.histogram(new double[] {0, 1, 1, 2})).getMessage())
                .contains("strictly increasing");
        assertThat(emberError(() -> rdd.histogram(new double[] {0, Double.NaN, 2}))
                        .getMessage())
                .contains("edge 1 is NaN");
        assertThat(emberError(() -> rdd.histogram(0)).getMessage()).contains("at least one bucket");
        EmberException infinite = emberError(() -> ctx.parallelizeDoubles(List.of(1.0, Double.POSITIVE_INFINITY), 2)
                .histogram(3));
        assertThat(infinite.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(infinite.getMessage()).contains("NaN or an infinity");
        assertThat(emberError(() -> ctx.parallelizeDoubles(List.of(1.0, Double.NaN), 2)
                                .histogram(3))
                        .getMessage())
                .contains("NaN or an infinity");
    }

    // ---- transformations that keep numbers ----

    @Test
    void transformationsKeepADoubleRdd() {
        DoubleRDD rdd = ctx.parallelizeDoubles(List.of(1.0, 2.0, 2.0, 3.0, 4.0), 2);
        DoubleRDD even = rdd.filter(x -> x % 2 == 0);
        assertThat(even.collect()).containsExactly(2.0, 2.0, 4.0);
        assertThat(even.sum()).isEqualTo(8.0);
        assertThat(rdd.distinct().sum()).isEqualTo(10.0);
        assertThat(rdd.union(ctx.parallelizeDoubles(List.of(10.0), 1)).sum()).isEqualTo(22.0);
        assertThat(rdd.intersection(ctx.parallelizeDoubles(List.of(2.0, 4.0, 5.0), 1))
                        .collect())
                .containsExactlyInAnyOrder(2.0, 4.0);
        assertThat(rdd.subtract(ctx.parallelizeDoubles(List.of(2.0), 1)).sum()).isEqualTo(8.0);
        assertThat(rdd.sample(false, 1.0, 3).sum()).isEqualTo(12.0);
        assertThat(rdd.coalesce(1).getNumPartitions()).isEqualTo(1);
        assertThat(rdd.repartition(3).sum()).isEqualTo(12.0);
        DoubleRDD cached = rdd.map(x -> x * 10).mapToDouble(x -> x).cache().setName("tens");
        assertThat(cached.getStorageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY);
        assertThat(cached.stats().mean()).isEqualTo(24.0);
        assertThat(cached.name()).isEqualTo("tens");
        cached.unpersist();
        assertThat(DoubleRDD.of(cached)).isSameAs(cached);
        assertThat(ctx.parallelizeDoubles(List.of(1.0, 2.0)).getNumPartitions()).isEqualTo(ctx.defaultParallelism());
        assertThat(rdd.mapToDouble(x -> x * 2).toDebugString())
                .as("the view is not a line of the lineage")
                .doesNotContain("DoubleRDD")
                .contains("mapToDouble");
    }
}
