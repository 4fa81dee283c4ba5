package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Approximate actions: {@code countApprox} when the job finishes in time, and the HyperLogLog++ distinct counts,
 * whose estimates must be within four standard errors ({@code 1.04 / sqrt(2^p)} relative) of the exact counts
 * computed in plain Java.
 */
public abstract class ApproximateActionSuite extends RddConformanceSuite {
    /** Four relative standard errors of a sketch of precision 14, which relativeSD 0.01 asks for. */
    private static final double FOUR_ERRORS_AT_1_PERCENT = 4 * 1.04 / Math.sqrt(1 << 14);

    private static void assertNear(long estimate, long exact, double relativeBound) {
        assertThat((double) estimate)
                .as("estimate of %s distinct", exact)
                .isBetween(exact * (1 - relativeBound), exact * (1 + relativeBound));
    }

    // ---- countApprox ----

    @Test
    void countApproxWithAGenerousTimeoutIsExact() {
        RDD<Integer> rdd = ctx.parallelize(integers(1000), 4);
        PartialResult<BoundedDouble> result = rdd.countApprox(WAIT.toMillis());
        assertThat(result.isInitialValueFinal()).isTrue();
        assertThat(result.initialValue()).isEqualTo(new BoundedDouble(1000, 1.0, 1000, 1000));
        assertThat(result.getFinalValue()).isEqualTo(result.initialValue());
        assertThat(result.finalValue().toCompletableFuture().join().mean()).isEqualTo(1000);
        assertThat(rdd.countApprox(WAIT.toMillis(), 0.5).initialValue().mean()).isEqualTo(1000);
        PartialResult<BoundedDouble> empty = ctx.emptyRDD().countApprox(WAIT.toMillis());
        assertThat(empty.isInitialValueFinal()).isTrue();
        assertThat(empty.initialValue().mean()).isZero();
        assertThat(result.initialValue()).hasToString("[1000.000, 1000.000]");
    }

    @Test
    void countApproxRefusesBadArguments() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 2);
        EmberException timeout = emberError(() -> rdd.countApprox(-1));
        assertThat(timeout.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(timeout.getMessage()).contains("timeout must not be negative");
        assertThat(emberError(() -> rdd.countApprox(1000, 1.5)).getMessage()).contains("confidence must be in [0, 1]");
        assertThat(emberError(() -> rdd.countApprox(1000, Double.NaN)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void countApproxReportsTheJobsError() {
        RDD<Integer> failing = ctx.parallelize(integers(4), 2).map(x -> {
            if (x == 3) {
                throw new IllegalStateException("three is not counted");
            }
            return x;
        });
        Throwable error = emberError(() -> failing.countApprox(WAIT.toMillis()));
        assertThat(errorMessages(error)).contains("three is not counted");
    }

    // ---- countApproxDistinct ----

    @Test
    void countApproxDistinctOfFewValuesIsExact() {
        assertThat(ctx.emptyRDD().countApproxDistinct(0.05)).isZero();
        assertThat(ctx.parallelize(List.of(), 3).countApproxDistinct(0.01)).isZero();
        List<String> same = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            same.add("only");
        }
        assertThat(ctx.parallelize(same, 4).countApproxDistinct(0.05)).isEqualTo(1);
        assertThat(ctx.parallelize(List.of(1, 2, 2, 3), 2).countApproxDistinct(0.05))
                .isEqualTo(3);
    }

    @Test
    void countApproxDistinctIsWithinFourStandardErrors() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            words.add("word-" + i);
        }
        assertNear(ctx.parallelize(words, 3).countApproxDistinct(0.01), 1000, FOUR_ERRORS_AT_1_PERCENT);
        assertNear(ctx.range(0, 100_000).countApproxDistinct(0.01), 100_000, FOUR_ERRORS_AT_1_PERCENT);
        // relativeSD 0.05 is precision 9: 512 registers, a standard error of 4.6%.
        assertNear(ctx.range(0, 100_000).countApproxDistinct(0.05), 100_000, 4 * 1.04 / Math.sqrt(512));
        List<Double> doubles = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            doubles.add(i / 7.0);
        }
        assertNear(ctx.parallelize(doubles, 2).countApproxDistinct(0.01), 5000, FOUR_ERRORS_AT_1_PERCENT);
    }

    @Test
    void duplicatesAndPartitioningDoNotChangeTheEstimate() {
        List<Long> once = new ArrayList<>();
        List<Long> fiveTimes = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            once.add(i * 31);
            for (int copy = 0; copy < 5; copy++) {
                fiveTimes.add(i * 31);
            }
        }
        long estimate = ctx.parallelize(once, 1).countApproxDistinct(0.02);
        assertThat(ctx.parallelize(fiveTimes, 7).countApproxDistinct(0.02)).isEqualTo(estimate);
        assertThat(ctx.parallelize(once, 4).countApproxDistinct(0.02)).isEqualTo(estimate);
    }

    @Test
    void countApproxDistinctRefusesTooSmallDeviations() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 2);
        EmberException tooSmall = emberError(() -> rdd.countApproxDistinct(0.00001));
        assertThat(tooSmall.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(tooSmall.getMessage()).contains("relativeSD must be at least 1.7E-5");
        EmberException tooLarge = emberError(() -> rdd.countApproxDistinct(0.0001));
        assertThat(tooLarge.getMessage()).contains("needs 2^27 registers").contains("at most 2^26");
        assertThat(emberError(() -> rdd.countApproxDistinct(Double.NaN)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    // ---- countApproxDistinctByKey ----

    @Test
    void countApproxDistinctByKeyMatchesPlainCounting() {
        List<Pair<String, Integer>> data = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            data.add(Pair.of("wide", i));
            if (i % 60 == 0) {
                data.add(Pair.of("narrow", i % 1200));
            }
            if (i % 1000 == 0) {
                data.add(Pair.of("one", 42));
            }
        }
        Map<String, Set<Integer>> exact = new java.util.HashMap<>();
        for (Pair<String, Integer> pair : data) {
            exact.computeIfAbsent(pair.key(), ignored -> new HashSet<>()).add(pair.value());
        }
        PairRDD<String, Integer> rdd = ctx.parallelizePairs(data, 5);
        Map<String, Long> estimates = rdd.countApproxDistinctByKey(0.01).collectAsMap();
        assertThat(estimates).containsOnlyKeys("wide", "narrow", "one");
        assertThat(estimates.get("one")).isEqualTo(1);
        assertThat(exact.get("narrow")).hasSize(20);
        assertThat(estimates.get("narrow")).isEqualTo(20);
        assertNear(estimates.get("wide"), exact.get("wide").size(), FOUR_ERRORS_AT_1_PERCENT);

        PairRDD<String, Long> threePartitions = rdd.countApproxDistinctByKey(0.01, 3);
        assertThat(threePartitions.getNumPartitions()).isEqualTo(3);
        assertThat(threePartitions.collectAsMap()).isEqualTo(estimates);
        HashPartitioner partitioner = new HashPartitioner(2);
        assertThat(rdd.countApproxDistinctByKey(0.01, partitioner).partitioner())
                .contains(partitioner);
        assertThat(ctx.parallelizePairs(List.<Pair<String, Integer>>of(), 2)
                        .countApproxDistinctByKey(0.05)
                        .collect())
                .isEmpty();
        assertThat(emberError(() -> rdd.countApproxDistinctByKey(0.000001)).getMessage())
                .contains("countApproxDistinctByKey: relativeSD must be at least");
    }
}
