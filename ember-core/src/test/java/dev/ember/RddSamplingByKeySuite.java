package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stratified sampling: {@code sampleByKey} (sizes within many standard deviations of the expected, so the tests do
 * not flake) and {@code sampleByKeyExact} (exact sizes), both reproducible for a seed.
 */
public abstract class RddSamplingByKeySuite extends RddConformanceSuite {
    /** {@code (i % 3, i)} for {@code i < 30000}: 10000 elements per key. */
    private PairRDD<Integer, Integer> threeKeys() {
        return ctx.parallelizePairs(keyedIntegers(30_000, 3), 4);
    }

    private static Map<Integer, List<Integer>> byKey(List<Pair<Integer, Integer>> pairs) {
        Map<Integer, List<Integer>> groups = groupLocally(pairs);
        for (int key = 0; key < 3; key++) {
            groups.putIfAbsent(key, List.of());
        }
        return groups;
    }

    private static void assertWithin(double actual, double expected, double deviation, String what) {
        assertThat(actual).as(what).isBetween(expected - 6 * deviation, expected + 6 * deviation);
    }

    @Test
    void sampleByKeyWithoutReplacementKeepsAboutEachFraction() {
        Map<Integer, Double> fractions = Map.of(0, 0.1, 1, 0.5, 2, 0.0);
        List<Pair<Integer, Integer>> sample =
                threeKeys().sampleByKey(false, fractions, 42).collect();
        Map<Integer, List<Integer>> groups = byKey(sample);
        assertWithin(groups.get(0).size(), 1000, Math.sqrt(10_000 * 0.1 * 0.9), "key 0");
        assertWithin(groups.get(1).size(), 5000, Math.sqrt(10_000 * 0.5 * 0.5), "key 1");
        assertThat(groups.get(2)).as("fraction 0").isEmpty();
        assertThat(sample).allSatisfy(pair -> assertThat(pair.value() % 3).isEqualTo(pair.key()));
        assertThat(new HashSet<>(sample)).as("no element twice").hasSize(sample.size());
        assertThat(threeKeys().sampleByKey(false, fractions, 42).collect())
                .as("reproducible")
                .isEqualTo(sample);
        assertThat(threeKeys().sampleByKey(false, fractions, 43).collect()).isNotEqualTo(sample);
        assertThat(threeKeys()
                        .sampleByKey(false, Map.of(0, 1.0, 1, 1.0, 2, 1.0))
                        .count())
                .isEqualTo(30_000);
    }

    @Test
    void sampleByKeyWithReplacementRepeatsElements() {
        Map<Integer, Double> fractions = Map.of(0, 2.0, 1, 0.5, 2, 0.0);
        List<Pair<Integer, Integer>> sample =
                threeKeys().sampleByKey(true, fractions, 7).collect();
        Map<Integer, List<Integer>> groups = byKey(sample);
        assertWithin(groups.get(0).size(), 20_000, Math.sqrt(10_000 * 2.0), "key 0");
        assertWithin(groups.get(1).size(), 5000, Math.sqrt(10_000 * 0.5), "key 1");
        assertThat(groups.get(2)).isEmpty();
        assertThat(new HashSet<>(groups.get(0)).size())
                .as("repeats")
                .isLessThan(groups.get(0).size());
        assertThat(sample).allSatisfy(pair -> assertThat(pair.value() % 3).isEqualTo(pair.key()));
    }

    @Test
    void sampleByKeyRefusesBadFractions() {
        PairRDD<Integer, Integer> rdd = threeKeys();
        EmberException tooLarge = emberError(() -> rdd.sampleByKey(false, Map.of(0, 1.5), 1));
        assertThat(tooLarge.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(tooLarge.getMessage()).contains("fraction of key '0' is 1.5").contains("[0, 1]");
        assertThat(emberError(() -> rdd.sampleByKey(true, Map.of(1, -0.5), 1)).getMessage())
                .contains(">= 0");
        assertThat(emberError(() -> rdd.sampleByKeyExact(false, Map.of(2, Double.NaN), 1))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void aKeyWithoutAFractionFailsNamingIt() {
        Map<Integer, Double> fractions = Map.of(0, 0.5, 1, 0.5);
        Throwable missing =
                emberError(() -> threeKeys().sampleByKey(false, fractions, 1).collect());
        assertThat(errorMessages(missing)).contains("fractions has no entry for key '2'");
        EmberException exact = emberError(() -> threeKeys().sampleByKeyExact(false, fractions, 1));
        assertThat(exact.errorClass()).as("found on the driver, at once").isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(exact.getMessage()).contains("sampleByKeyExact: fractions has no entry for key '2'");
    }

    @Test
    void sampleByKeyExactTakesExactlyTheCeilingOfEachFraction() {
        List<Pair<String, Integer>> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(Pair.of("b", i));
            if (i < 100) {
                data.add(Pair.of("a", i));
            }
            if (i < 7) {
                data.add(Pair.of("c", i));
            }
            if (i < 5) {
                data.add(Pair.of("d", i));
            }
        }
        PairRDD<String, Integer> rdd = ctx.parallelizePairs(data, 5);
        // 0.07 * 100 is 7 (not the 8 that the binary 7.000000000000001 rounds up to), 0.123 * 1000 is 123,
        // 0.5 * 7 = 3.5 is 4.
        Map<String, Double> fractions = Map.of("a", 0.07, "b", 0.123, "c", 0.5, "d", 0.0);
        List<Pair<String, Integer>> sample =
                rdd.sampleByKeyExact(false, fractions, 3).collect();
        Map<String, List<Integer>> groups = groupLocally(sample);
        assertThat(groups.get("a")).hasSize(7);
        assertThat(groups.get("b")).hasSize(123);
        assertThat(groups.get("c")).hasSize(4);
        assertThat(groups).doesNotContainKey("d");
        assertThat(new HashSet<>(sample)).as("no element twice").hasSize(sample.size());
        assertThat(data).containsAll(sample);
        assertThat(rdd.sampleByKeyExact(false, fractions, 3).collect()).isEqualTo(sample);
        assertThat(rdd.sampleByKeyExact(false, Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0))
                        .count())
                .isEqualTo(data.size());
    }

    @Test
    void sampleByKeyExactWithoutReplacementSpreadsOverPartitionsAndPositions() {
        // One key, 4 partitions of 2500: half of it is taken. Each partition's share and each half of a partition
        // should get about half of their elements; "the first 5000" would fail both.
        List<Pair<Integer, Integer>> data = keyedIntegers(10_000, 1);
        List<Pair<Integer, Integer>> sample = ctx.parallelizePairs(data, 4)
                .sampleByKeyExact(false, Map.of(0, 0.5), 11)
                .collect();
        assertThat(sample).hasSize(5000);
        int[] perQuarterHalf = new int[8];
        for (Pair<Integer, Integer> pair : sample) {
            perQuarterHalf[pair.value() / 1250]++;
        }
        // Hypergeometric: 1250 of 10000 with 5000 taken has a deviation of about 16.5.
        for (int count : perQuarterHalf) {
            assertWithin(count, 625, 16.5, "taken from one half of a partition");
        }
    }

    @Test
    void sampleByKeyExactWithReplacement() {
        PairRDD<Integer, Integer> rdd = threeKeys();
        Map<Integer, Double> fractions = Map.of(0, 1.5, 1, 0.25, 2, 0.0);
        List<Pair<Integer, Integer>> sample =
                rdd.sampleByKeyExact(true, fractions, 5).collect();
        Map<Integer, List<Integer>> groups = byKey(sample);
        assertThat(groups.get(0)).hasSize(15_000);
        assertThat(groups.get(1)).hasSize(2500);
        assertThat(groups.get(2)).isEmpty();
        Set<Integer> distinct = new HashSet<>(groups.get(0));
        assertThat(distinct.size()).as("repeats").isLessThan(15_000);
        // Drawing 15000 times from 10000 leaves about 10000 * e^-1.5 = 2231 never drawn.
        assertWithin(10_000 - distinct.size(), 2231, Math.sqrt(2231), "elements never drawn");
        assertThat(sample).allSatisfy(pair -> assertThat(pair.value() % 3).isEqualTo(pair.key()));
        assertThat(rdd.sampleByKeyExact(true, fractions, 5).collect()).isEqualTo(sample);
    }

    @Test
    void sampleByKeyOfAnEmptyRdd() {
        PairRDD<String, Integer> empty = ctx.parallelizePairs(List.of(), 3);
        assertThat(empty.sampleByKey(false, Map.of(), 1).collect()).isEmpty();
        assertThat(empty.sampleByKeyExact(true, new HashMap<>(), 1).collect()).isEmpty();
    }
}
