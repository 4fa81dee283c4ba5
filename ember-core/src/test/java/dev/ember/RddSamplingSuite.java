package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sampling: {@code sample}, {@code randomSplit} and {@code takeSample}. Samples are reproducible for a seed;
 * sizes are checked against bounds many standard deviations wide, so the tests do not flake.
 */
public abstract class RddSamplingSuite extends RddConformanceSuite {
    private static final int SIZE = 10_000;

    @Test
    void sampleIsDeterministicForASeed() {
        RDD<Integer> rdd = ctx.parallelize(integers(SIZE), 4);
        List<Integer> first = rdd.sample(false, 0.1, 42).collect();
        List<Integer> second = rdd.sample(false, 0.1, 42).collect();
        List<Integer> other = rdd.sample(false, 0.1, 43).collect();
        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @ParameterizedTest(name = "fraction {0}")
    @ValueSource(doubles = {0.01, 0.25, 0.5, 0.9})
    void sampleWithoutReplacementIsASubsetOfAboutTheFraction(double fraction) {
        List<Integer> sample =
                ctx.parallelize(integers(SIZE), 4).sample(false, fraction, 7).collect();
        double expected = fraction * SIZE;
        double deviation = Math.sqrt(SIZE * fraction * (1 - fraction));
        assertThat((double) sample.size()).isBetween(expected - 6 * deviation, expected + 6 * deviation);
        assertThat(new HashSet<>(sample)).as("no element twice").hasSize(sample.size());
        assertThat(sample).allSatisfy(value -> assertThat(value).isBetween(0, SIZE - 1));
        assertThat(sample).as("partition order kept").isSorted();
    }

    @Test
    void sampleFractionBounds() {
        RDD<Integer> rdd = ctx.parallelize(integers(100), 3);
        assertThat(rdd.sample(false, 0.0, 1).collect()).isEmpty();
        assertThat(rdd.sample(false, 1.0, 1).collect()).isEqualTo(integers(100));
        assertThat(rdd.sample(true, 0.0, 1).collect()).isEmpty();
        for (double invalid : new double[] {-0.1, 1.01, Double.NaN}) {
            assertThat(emberError(() -> rdd.sample(false, invalid, 1)).errorClass())
                    .as("fraction %s without replacement", invalid)
                    .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        }
        assertThat(emberError(() -> rdd.sample(true, -1, 1)).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void sampleWithReplacementRepeatsElements() {
        double fraction = 2.0;
        List<Integer> sample =
                ctx.parallelize(integers(SIZE), 4).sample(true, fraction, 11).collect();
        double deviation = Math.sqrt(SIZE * fraction);
        assertThat((double) sample.size()).isBetween(fraction * SIZE - 6 * deviation, fraction * SIZE + 6 * deviation);
        Map<Integer, Long> counts =
                sample.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.values()).anySatisfy(count -> assertThat(count).isGreaterThan(1L));
        assertThat(counts.keySet()).allSatisfy(value -> assertThat(value).isBetween(0, SIZE - 1));
        assertThat(ctx.parallelize(integers(SIZE), 4).sample(true, fraction, 11).collect())
                .as("reproducible")
                .isEqualTo(sample);
    }

    @Test
    void sampleWithReplacementOfASmallFraction() {
        List<Integer> sample =
                ctx.parallelize(integers(SIZE), 4).sample(true, 0.1, 5).collect();
        double deviation = Math.sqrt(SIZE * 0.1);
        assertThat((double) sample.size()).isBetween(1000 - 6 * deviation, 1000 + 6 * deviation);
    }

    @Test
    void randomSplitPartitionsTheElementsDisjointly() {
        List<Integer> data = integers(SIZE);
        double[] weights = {1, 2, 7};
        List<RDD<Integer>> splits = ctx.parallelize(data, 4).randomSplit(weights, 99);
        assertThat(splits).hasSize(3);

        List<Integer> all = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < splits.size(); i++) {
            List<Integer> split = splits.get(i).collect();
            double expected = SIZE * weights[i] / 10;
            double deviation = Math.sqrt(SIZE * (weights[i] / 10) * (1 - weights[i] / 10));
            assertThat((double) split.size())
                    .as("split %d", i)
                    .isBetween(expected - 6 * deviation, expected + 6 * deviation);
            for (Integer value : split) {
                assertThat(seen.add(value)).as("%d in one split only", value).isTrue();
            }
            all.addAll(split);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(data);

        List<RDD<Integer>> again = ctx.parallelize(data, 4).randomSplit(weights, 99);
        for (int i = 0; i < splits.size(); i++) {
            assertThat(again.get(i).collect()).isEqualTo(splits.get(i).collect());
        }
    }

    @Test
    void randomSplitRejectsBadWeights() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 2);
        assertThat(emberError(() -> rdd.randomSplit(new double[] {1, -1}, 1)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(emberError(() -> rdd.randomSplit(new double[] {0, 0}, 1)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void takeSampleWithoutReplacementReturnsDistinctElements() {
        List<Integer> data = integers(1000);
        RDD<Integer> rdd = ctx.parallelize(data, 5);
        List<Integer> sample = rdd.takeSample(false, 50, 3);
        assertThat(sample).hasSize(50).doesNotHaveDuplicates();
        assertThat(data).containsAll(sample);
        assertThat(rdd.takeSample(false, 50, 3)).as("reproducible").isEqualTo(sample);
        assertThat(rdd.takeSample(false, 50, 4)).isNotEqualTo(sample);
    }

    @Test
    void takeSampleOfMoreThanTheCountReturnsEverything() {
        List<Integer> data = integers(30);
        List<Integer> sample = ctx.parallelize(data, 3).takeSample(false, 100, 1);
        assertThat(sample).containsExactlyInAnyOrderElementsOf(data);
    }

    @Test
    void takeSampleWithReplacementCanExceedTheCount() {
        List<Integer> data = integers(20);
        List<Integer> sample = ctx.parallelize(data, 3).takeSample(true, 100, 1);
        assertThat(sample).hasSize(100);
        assertThat(data).containsAll(sample);
        List<Integer> small = ctx.parallelize(data, 3).takeSample(true, 5, 2);
        assertThat(small).hasSize(5);
    }

    @Test
    void takeSampleEdgeCases() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 2);
        assertThat(rdd.takeSample(false, 0, 1)).isEmpty();
        assertThat(ctx.<Integer>emptyRDD().takeSample(false, 5, 1)).isEmpty();
        assertThat(emberError(() -> rdd.takeSample(false, -1, 1)).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }
}
