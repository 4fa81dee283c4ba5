package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Operations on values and keys, aggregation by key, partitioning and sorting by key, and the by-key actions. */
public abstract class PairRddSuite extends RddConformanceSuite {
    private static final List<Pair<Integer, Integer>> PAIRS = keyedIntegers(200, 7);

    private static Map<Integer, Integer> sumsByKey(List<Pair<Integer, Integer>> pairs) {
        return pairs.stream().collect(Collectors.toMap(Pair::key, Pair::value, Integer::sum));
    }

    private static <K, V> Map<K, V> asMap(List<Pair<K, V>> pairs) {
        Map<K, V> map = new HashMap<>();
        for (Pair<K, V> pair : pairs) {
            assertThat(map.put(pair.key(), pair.value()))
                    .as("key %s once", pair.key())
                    .isNull();
        }
        return map;
    }

    /** The number of shuffle boundaries in the lineage of {@code rdd}. */
    private static int stageMarkers(RDD<?> rdd) {
        return rdd.toDebugString().split("\\+-", -1).length - 1;
    }

    // ---- values and keys ----

    @Test
    void mapValuesKeepsKeysAndPartitioner() {
        PairRDD<Integer, Integer> partitioned = ctx.parallelizePairs(PAIRS, 3).partitionBy(new HashPartitioner(4));
        PairRDD<Integer, String> mapped = partitioned.mapValues(value -> "v" + value);
        assertThat(mapped.partitioner()).contains(new HashPartitioner(4));
        assertThat(mapped.collect())
                .containsExactlyInAnyOrderElementsOf(PAIRS.stream()
                        .map(pair -> Pair.of(pair.key(), "v" + pair.value()))
                        .toList());
    }

    @Test
    void flatMapValuesRepeatsTheKeyForEachValue() {
        List<Pair<String, Integer>> pairs = List.of(Pair.of("a", 3), Pair.of("b", 0), Pair.of("c", 2));
        List<Pair<String, Integer>> expected = new ArrayList<>();
        for (Pair<String, Integer> pair : pairs) {
            for (int i = 0; i < pair.value(); i++) {
                expected.add(Pair.of(pair.key(), i));
            }
        }
        assertThat(ctx.parallelizePairs(pairs, 2)
                        .flatMapValues(count -> integers(count).iterator())
                        .collect())
                .isEqualTo(expected);
    }

    @Test
    void keysAndValuesInOrder() {
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 3);
        assertThat(rdd.keys().collect()).isEqualTo(PAIRS.stream().map(Pair::key).toList());
        assertThat(rdd.values().collect())
                .isEqualTo(PAIRS.stream().map(Pair::value).toList());
    }

    // ---- aggregation ----

    @Test
    void reduceByKeyInAllItsForms() {
        Map<Integer, Integer> expected = sumsByKey(PAIRS);
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 4);

        PairRDD<Integer, Integer> byDefault = rdd.reduceByKey(Integer::sum);
        assertThat(byDefault.getNumPartitions()).isEqualTo(4);
        assertThat(asMap(byDefault.collect())).isEqualTo(expected);

        PairRDD<Integer, Integer> byCount = rdd.reduceByKey(Integer::sum, 3);
        assertThat(byCount.getNumPartitions()).isEqualTo(3);
        assertThat(byCount.partitioner()).contains(new HashPartitioner(3));
        assertThat(asMap(byCount.collect())).isEqualTo(expected);

        PairRDD<Integer, Integer> byPartitioner = rdd.reduceByKey(new HashPartitioner(5), Integer::sum);
        assertThat(byPartitioner.partitioner()).contains(new HashPartitioner(5));
        assertThat(asMap(byPartitioner.collect())).isEqualTo(expected);

        assertThat(rdd.reduceByKeyLocally(Integer::sum)).isEqualTo(expected);
    }

    @Test
    void jdkMethodReferencesGiveWhatTheLambdasWrittenOutGive() {
        Random random = new Random(31);
        List<Pair<Integer, Long>> longs = new ArrayList<>();
        List<Pair<Integer, Double>> doubles = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            longs.add(Pair.of(random.nextInt(40), random.nextLong()));
            // Eighths: every sum is exact, so the order in which map outputs arrive cannot change a bit.
            doubles.add(Pair.of(random.nextInt(40), (random.nextInt(2_000_000) - 1_000_000) / 8.0));
        }
        // A key with one null value keeps it: the merge function never sees it.
        longs.add(Pair.of(99, null));
        PairRDD<Integer, Long> longRdd = ctx.parallelizePairs(longs, 4);
        PairRDD<Integer, Double> doubleRdd = ctx.parallelizePairs(doubles, 4);

        Map<Integer, Long> sums = asMap(longRdd.reduceByKey((a, b) -> a + b, 3).collect());
        assertThat(sums).hasSize(41).containsEntry(99, null);
        assertThat(asMap(longRdd.reduceByKey(Long::sum, 3).collect())).isEqualTo(sums);
        assertThat(asMap(longRdd.filter(pair -> pair.value() != null)
                        .foldByKey(0L, 2, Long::sum)
                        .collect()))
                .isEqualTo(asMap(longRdd.filter(pair -> pair.value() != null)
                        .foldByKey(0L, 2, (a, b) -> a + b)
                        .collect()));
        assertThat(asMap(longRdd.reduceByKey(Math::max, 3).collect()))
                .isEqualTo(
                        asMap(longRdd.reduceByKey((a, b) -> a >= b ? a : b, 3).collect()));

        Map<Integer, Double> doubleSums =
                asMap(doubleRdd.reduceByKey((a, b) -> a + b, 3).collect());
        Map<Integer, Double> inPlace =
                asMap(doubleRdd.reduceByKey(Double::sum, 3).collect());
        assertThat(inPlace.keySet()).isEqualTo(doubleSums.keySet());
        inPlace.forEach((key, sum) -> assertThat(Double.doubleToRawLongBits(sum))
                .as("key %s", key)
                .isEqualTo(Double.doubleToRawLongBits(doubleSums.get(key))));
    }

    /** The aggregator of the first shuffle in the lineage of {@code rdd}. */
    private static Aggregator<?, ?, ?> aggregatorOf(RDD<?> rdd) {
        for (Dependency<?> dependency : rdd.dependencies()) {
            if (dependency instanceof PairShuffleDependency<?, ?, ?> shuffle) {
                return shuffle.aggregator().orElseThrow();
            }
            return aggregatorOf(dependency.rdd());
        }
        throw new AssertionError("no shuffle in the lineage of " + rdd);
    }

    @Test
    void namedReducersTakeTheReductionAndGiveWhatTheLambdasWrittenOutGive() {
        Random random = new Random(41);
        List<Pair<Integer, Long>> longs = new ArrayList<>();
        List<Pair<String, Integer>> ints = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Integer key = random.nextInt(100) == 0 ? null : random.nextInt(60);
            longs.add(Pair.of(key, random.nextLong()));
            ints.add(Pair.of(key == null ? null : "k" + key, random.nextInt()));
        }
        PairRDD<Integer, Long> longRdd = ctx.parallelizePairs(longs, 4);
        PairRDD<String, Integer> intRdd = ctx.parallelizePairs(ints, 4);

        PairRDD<Integer, Long> named = longRdd.reduceByKey(Reducers.longSum(), 3);
        assertThat(aggregatorOf(named).kind()).isEqualTo(new Aggregator.Kind.Reduction(ReductionKind.LONG_SUM));
        assertThat(aggregatorOf(longRdd.reduceByKey(Long::sum, 3)).reduction())
                .as("a method reference is recognized")
                .contains(ReductionKind.LONG_SUM);
        PairRDD<Integer, Long> written = longRdd.reduceByKey((a, b) -> a + b, 3);
        assertThat(aggregatorOf(written).kind()).isEqualTo(Aggregator.Kind.GENERAL);
        Map<Integer, Long> sums = asMap(written.collect());
        assertThat(sums).containsKey(null);
        assertThat(asMap(named.collect())).isEqualTo(sums);
        assertThat(asMap(longRdd.reduceByKey(Reducers.longMax(), 2).collect()))
                .isEqualTo(
                        asMap(longRdd.reduceByKey((a, b) -> a >= b ? a : b, 2).collect()));
        assertThat(asMap(longRdd.reduceByKey(Reducers.longMin(), 2).collect()))
                .isEqualTo(
                        asMap(longRdd.reduceByKey((a, b) -> a <= b ? a : b, 2).collect()));
        assertThat(asMap(intRdd.reduceByKey(Reducers.intSum(), 3).collect()))
                .isEqualTo(asMap(intRdd.reduceByKey((a, b) -> a + b, 3).collect()));
        assertThat(asMap(intRdd.foldByKey(0, 2, Reducers.intMax()).collect()))
                .isEqualTo(
                        asMap(intRdd.foldByKey(0, 2, (a, b) -> Math.max(a, b)).collect()));
        assertThat(longRdd.values().reduce(Reducers.longSum()))
                .isEqualTo(longs.stream().mapToLong(Pair::value).sum());
    }

    @Test
    void reduceByKeyOnAPartitionedRddNeedsNoShuffle() {
        HashPartitioner partitioner = new HashPartitioner(3);
        PairRDD<Integer, Integer> partitioned = ctx.parallelizePairs(PAIRS, 4).partitionBy(partitioner);
        PairRDD<Integer, Integer> reduced = partitioned.reduceByKey(partitioner, Integer::sum);
        assertThat(stageMarkers(reduced)).as("only partitionBy shuffles").isEqualTo(1);
        assertThat(asMap(reduced.collect())).isEqualTo(sumsByKey(PAIRS));
    }

    @Test
    void foldByKeyStartsEachKeyFromAFreshZero() {
        PairRDD<Integer, List<Integer>> lists =
                ctx.parallelizePairs(PAIRS, 4).mapValues(value -> (List<Integer>) new ArrayList<>(List.of(value)));
        ArrayList<Integer> zero = new ArrayList<>();
        Map<Integer, List<Integer>> expected = mapValuesLocally(
                groupLocally(PAIRS), values -> values.stream().sorted().toList());

        List<PairRDD<Integer, List<Integer>>> forms = List.of(
                lists.foldByKey(zero, (a, b) -> {
                    a.addAll(b);
                    return a;
                }),
                lists.foldByKey(zero, 3, (a, b) -> {
                    a.addAll(b);
                    return a;
                }),
                lists.foldByKey(zero, new HashPartitioner(2), (a, b) -> {
                    a.addAll(b);
                    return a;
                }));
        for (PairRDD<Integer, List<Integer>> folded : forms) {
            Map<Integer, List<Integer>> result = mapValuesLocally(
                    asMap(folded.collect()), values -> values.stream().sorted().toList());
            assertThat(result).isEqualTo(expected);
        }
        assertThat(forms.get(1).getNumPartitions()).isEqualTo(3);
        assertThat(forms.get(2).getNumPartitions()).isEqualTo(2);
        assertThat(zero).as("the caller's zero is never changed").isEmpty();
    }

    @Test
    void foldByKeyAppliesANonNeutralZeroOncePerKeyAndPartition() {
        List<Pair<String, Integer>> pairs = List.of(Pair.of("a", 1), Pair.of("a", 2), Pair.of("b", 3));
        Map<String, Integer> folded =
                asMap(ctx.parallelizePairs(pairs, 1).foldByKey(10, Integer::sum).collect());
        assertThat(folded).isEqualTo(Map.of("a", 13, "b", 13));
    }

    @Test
    void aggregateByKeyWithAMutableZero() {
        Map<Integer, Set<Integer>> expected = mapValuesLocally(groupLocally(PAIRS), values -> new HashSet<>(values));
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 4);
        HashSet<Integer> zero = new HashSet<>();

        List<PairRDD<Integer, HashSet<Integer>>> forms = List.of(
                rdd.aggregateByKey(
                        zero,
                        (set, value) -> {
                            set.add(value);
                            return set;
                        },
                        (a, b) -> {
                            a.addAll(b);
                            return a;
                        }),
                rdd.aggregateByKey(
                        zero,
                        6,
                        (set, value) -> {
                            set.add(value);
                            return set;
                        },
                        (a, b) -> {
                            a.addAll(b);
                            return a;
                        }),
                rdd.aggregateByKey(
                        zero,
                        new HashPartitioner(2),
                        (set, value) -> {
                            set.add(value);
                            return set;
                        },
                        (a, b) -> {
                            a.addAll(b);
                            return a;
                        }));
        for (PairRDD<Integer, HashSet<Integer>> aggregated : forms) {
            assertThat(asMap(aggregated.collect())).isEqualTo(expected);
        }
        assertThat(forms.get(1).getNumPartitions()).isEqualTo(6);
        assertThat(forms.get(2).getNumPartitions()).isEqualTo(2);
        assertThat(zero).isEmpty();
    }

    @Test
    void combineByKeyComputesAverages() {
        Map<Integer, Double> expected = mapValuesLocally(
                groupLocally(PAIRS),
                values -> values.stream().mapToInt(Integer::intValue).average().orElseThrow());
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 4);

        List<PairRDD<Integer, long[]>> forms = List.of(
                rdd.combineByKey(
                        value -> new long[] {value, 1},
                        (sum, value) -> new long[] {sum[0] + value, sum[1] + 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}),
                rdd.combineByKey(
                        value -> new long[] {value, 1},
                        (sum, value) -> new long[] {sum[0] + value, sum[1] + 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]},
                        3),
                rdd.combineByKey(
                        value -> new long[] {value, 1},
                        (sum, value) -> new long[] {sum[0] + value, sum[1] + 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]},
                        new HashPartitioner(2)),
                rdd.combineByKey(
                        value -> new long[] {value, 1},
                        (sum, value) -> new long[] {sum[0] + value, sum[1] + 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]},
                        new HashPartitioner(5),
                        false,
                        null));
        for (PairRDD<Integer, long[]> combined : forms) {
            Map<Integer, Double> averages =
                    mapValuesLocally(asMap(combined.collect()), sum -> (double) sum[0] / sum[1]);
            assertThat(averages).isEqualTo(expected);
        }
        assertThat(forms.get(1).getNumPartitions()).isEqualTo(3);
        assertThat(forms.get(3).getNumPartitions()).isEqualTo(5);
    }

    @Test
    void groupByKeyGroupsAllValuesOfEachKey() {
        Map<Integer, List<Integer>> expected = mapValuesLocally(
                groupLocally(PAIRS), values -> values.stream().sorted().toList());
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 4);

        assertThat(sortedGroups(rdd.groupByKey().collect())).isEqualTo(expected);
        PairRDD<Integer, Iterable<Integer>> byCount = rdd.groupByKey(3);
        assertThat(byCount.getNumPartitions()).isEqualTo(3);
        assertThat(sortedGroups(byCount.collect())).isEqualTo(expected);
        PairRDD<Integer, Iterable<Integer>> byPartitioner = rdd.groupByKey(new HashPartitioner(2));
        assertThat(byPartitioner.partitioner()).contains(new HashPartitioner(2));
        assertThat(sortedGroups(byPartitioner.collect())).isEqualTo(expected);

        Iterable<Integer> group = rdd.groupByKey().lookup(3).get(0);
        List<Integer> twice = new ArrayList<>();
        group.forEach(twice::add);
        group.forEach(twice::add);
        assertThat(twice)
                .as("an Iterable can be iterated again")
                .hasSize(2 * expected.get(3).size());
    }

    // ---- sorting and partitioning ----

    @ParameterizedTest(name = "ascending = {0}")
    @ValueSource(booleans = {true, false})
    void sortByKeyIsGloballyOrdered(boolean ascending) {
        List<Pair<String, Integer>> pairs = new ArrayList<>();
        List<String> words = words(300);
        for (int i = 0; i < words.size(); i++) {
            pairs.add(Pair.of(words.get(i) + (i % 13), i));
        }
        PairRDD<String, Integer> sorted = ctx.parallelizePairs(pairs, 4).sortByKey(ascending, 3);

        Comparator<String> order = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<String> expectedKeys = pairs.stream().map(Pair::key).sorted(order).toList();
        assertThat(sorted.getNumPartitions()).isEqualTo(3);
        assertThat(sorted.keys().collect()).isEqualTo(expectedKeys);
        assertThat(sorted.collect()).containsExactlyInAnyOrderElementsOf(pairs);

        List<List<Pair<String, Integer>>> partitions = sorted.glom().collect();
        String previousLast = null;
        for (List<Pair<String, Integer>> partition : partitions) {
            assertThat(partition).as("every range holds keys").isNotEmpty();
            List<String> keys = partition.stream().map(Pair::key).toList();
            assertThat(keys).isSortedAccordingTo(order);
            if (previousLast != null) {
                assertThat(order.compare(previousLast, keys.get(0))).isLessThanOrEqualTo(0);
            }
            previousLast = keys.get(keys.size() - 1);
        }
    }

    @Test
    void sortByKeyDefaultsAndComparators() {
        List<Pair<Integer, String>> pairs = PAIRS.stream()
                .map(pair -> Pair.of(pair.value() * 37 % 101, "v" + pair.value()))
                .toList();
        PairRDD<Integer, String> rdd = ctx.parallelizePairs(pairs, 3);
        List<Integer> ascending = pairs.stream().map(Pair::key).sorted().toList();

        assertThat(rdd.sortByKey().keys().collect()).isEqualTo(ascending);
        assertThat(rdd.sortByKey().getNumPartitions()).isEqualTo(3);
        assertThat(rdd.sortByKey(false).keys().collect())
                .isEqualTo(pairs.stream()
                        .map(Pair::key)
                        .sorted(Comparator.reverseOrder())
                        .toList());
        assertThat(rdd.sortByKey((a, b) -> Integer.compare(a % 10, b % 10), true, 2)
                        .keys()
                        .map(key -> key % 10)
                        .collect())
                .isEqualTo(pairs.stream().map(pair -> pair.key() % 10).sorted().toList());
        assertThat(rdd.sortByKey(Comparator.<Integer>reverseOrder(), false, 2)
                        .keys()
                        .collect())
                .as("descending by reverse order is ascending")
                .isEqualTo(ascending);
    }

    @Test
    void partitionByPlacesKeysByThePartitioner() {
        HashPartitioner partitioner = new HashPartitioner(4);
        PairRDD<Integer, Integer> partitioned = ctx.parallelizePairs(PAIRS, 3).partitionBy(partitioner);
        assertThat(partitioned.partitioner()).contains(partitioner);
        assertThat(partitioned.getNumPartitions()).isEqualTo(4);
        List<List<Pair<Integer, Integer>>> partitions = partitioned.glom().collect();
        for (int i = 0; i < partitions.size(); i++) {
            for (Pair<Integer, Integer> pair : partitions.get(i)) {
                assertThat(partitioner.getPartition(pair.key())).isEqualTo(i);
            }
        }
        assertThat(partitioned.collect()).containsExactlyInAnyOrderElementsOf(PAIRS);
        assertThat(partitioned.partitionBy(new HashPartitioner(4)))
                .as("already partitioned so: no new shuffle")
                .isSameAs(partitioned);
    }

    @Test
    void coPartitionedJoinAddsNoShuffle() {
        HashPartitioner partitioner = new HashPartitioner(3);
        PairRDD<Integer, Integer> left = ctx.parallelizePairs(PAIRS, 4).partitionBy(partitioner);
        PairRDD<Integer, String> right = ctx.parallelizePairs(
                        PAIRS.subList(0, 30).stream()
                                .map(pair -> Pair.of(pair.key(), "r" + pair.value()))
                                .toList(),
                        2)
                .partitionBy(partitioner);

        PairRDD<Integer, Pair<Integer, String>> joined = left.join(right);
        assertThat(joined.partitioner()).contains(partitioner);
        assertThat(stageMarkers(joined))
                .as("the join reads both sides in place")
                .isEqualTo(stageMarkers(left) + stageMarkers(right))
                .isEqualTo(2);

        PairRDD<Integer, String> otherRight = ctx.parallelizePairs(
                        PAIRS.stream().map(pair -> Pair.of(pair.key(), "x")).toList(), 2)
                .partitionBy(new HashPartitioner(2));
        PairRDD<Integer, Pair<Integer, String>> otherJoined = left.join(otherRight);
        assertThat(otherJoined.partitioner()).contains(partitioner);
        assertThat(stageMarkers(otherJoined))
                .as("the side partitioned differently is shuffled again")
                .isEqualTo(stageMarkers(left) + stageMarkers(otherRight) + 1);

        Map<Integer, List<Integer>> leftGroups = groupLocally(PAIRS);
        List<Pair<Integer, Pair<Integer, String>>> expected = new ArrayList<>();
        for (Pair<Integer, Integer> pair : PAIRS.subList(0, 30)) {
            for (Integer value : leftGroups.get(pair.key())) {
                expected.add(Pair.of(pair.key(), Pair.of(value, "r" + pair.value())));
            }
        }
        assertThat(joined.collect()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void repartitionAndSortWithinPartitionsSortsEachPartition() {
        List<Pair<Integer, Integer>> pairs = PAIRS.stream()
                .map(pair -> Pair.of(pair.value() * 53 % 199, pair.value()))
                .toList();
        HashPartitioner partitioner = new HashPartitioner(3);
        for (boolean natural : new boolean[] {true, false}) {
            PairRDD<Integer, Integer> rdd = natural
                    ? ctx.parallelizePairs(pairs, 4).repartitionAndSortWithinPartitions(partitioner)
                    : ctx.parallelizePairs(pairs, 4)
                            .repartitionAndSortWithinPartitions(partitioner, (a, b) -> Integer.compare(b, a));
            Comparator<Integer> order = natural ? Comparator.naturalOrder() : Comparator.reverseOrder();
            assertThat(rdd.partitioner()).contains(partitioner);
            List<List<Pair<Integer, Integer>>> partitions = rdd.glom().collect();
            assertThat(partitions).hasSize(3);
            for (int i = 0; i < partitions.size(); i++) {
                List<Integer> keys = partitions.get(i).stream().map(Pair::key).toList();
                assertThat(keys).isSortedAccordingTo(order);
                for (Integer key : keys) {
                    assertThat(partitioner.getPartition(key)).isEqualTo(i);
                }
            }
            assertThat(rdd.collect()).containsExactlyInAnyOrderElementsOf(pairs);
        }
    }

    // ---- by-key actions ----

    @Test
    void countByKeyAndCountByValue() {
        Map<Integer, Long> expected = PAIRS.stream().collect(Collectors.groupingBy(Pair::key, Collectors.counting()));
        assertThat(ctx.parallelizePairs(PAIRS, 3).countByKey()).isEqualTo(expected);
        List<String> words = words(50);
        assertThat(ctx.parallelize(words, 3).countByValue())
                .isEqualTo(words.stream().collect(Collectors.groupingBy(word -> word, Collectors.counting())));
    }

    @Test
    void collectAsMapKeepsOneValuePerKey() {
        List<Pair<String, Integer>> unique = List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("c", 3));
        assertThat(ctx.parallelizePairs(unique, 2).collectAsMap()).isEqualTo(Map.of("a", 1, "b", 2, "c", 3));
        Map<Integer, Integer> withDuplicates = ctx.parallelizePairs(PAIRS, 3).collectAsMap();
        Map<Integer, List<Integer>> groups = groupLocally(PAIRS);
        assertThat(withDuplicates.keySet()).isEqualTo(groups.keySet());
        withDuplicates.forEach((key, value) -> assertThat(groups.get(key)).contains(value));
    }

    @Test
    void lookupWithoutPartitionerScansEverything() {
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 3);
        assertThat(rdd.partitioner()).isEmpty();
        assertThat(rdd.lookup(4))
                .containsExactlyInAnyOrderElementsOf(groupLocally(PAIRS).get(4));
        assertThat(rdd.lookup(1000)).isEmpty();
    }

    @Test
    void lookupWithPartitionerScansOnlyTheKeysPartition() {
        HashPartitioner partitioner = new HashPartitioner(4);
        LongAccumulator scanned = ctx.longAccumulator("scanned");
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 3)
                .partitionBy(partitioner)
                .mapValues(value -> {
                    scanned.add(1);
                    return value;
                });
        assertThat(rdd.partitioner()).contains(partitioner);

        int key = 5;
        assertThat(rdd.lookup(key))
                .containsExactlyInAnyOrderElementsOf(groupLocally(PAIRS).get(key));
        long inKeysPartition = PAIRS.stream()
                .filter(pair -> partitioner.getPartition(pair.key()) == partitioner.getPartition(key))
                .count();
        assertThat(scanned.value()).isEqualTo(inKeysPartition).isLessThan(PAIRS.size());
        assertThat(rdd.lookup(9999)).isEmpty();
    }

    @Test
    void pairOperationsKeepThePairType() {
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(PAIRS, 3);
        PairRDD<Integer, Integer> chained = rdd.filter(pair -> pair.key() < 3)
                .distinct()
                .union(rdd.filter(pair -> pair.key() == 6))
                .coalesce(2)
                .repartition(3);
        Map<Integer, Integer> expected = new TreeMap<>(sumsByKey(
                PAIRS.stream().filter(pair -> pair.key() < 3 || pair.key() == 6).toList()));
        assertThat(new TreeMap<>(chained.reduceByKey(Integer::sum).collectAsMap()))
                .isEqualTo(expected);
    }
}
