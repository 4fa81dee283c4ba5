package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Element-wise and partition-wise transformations, set operations, sampling and redistribution. */
public abstract class RddTransformationSuite extends RddConformanceSuite {

    // ---- element-wise ----

    @Test
    void mapAppliesTheFunctionToEachElementInOrder() {
        List<Integer> data = integers(50);
        assertThat(ctx.parallelize(data, 4).map(x -> x * x + 1).collect())
                .isEqualTo(data.stream().map(x -> x * x + 1).toList());
    }

    @Test
    void mapCanChangeTheElementType() {
        List<Integer> data = integers(12);
        assertThat(ctx.parallelize(data, 3).map(x -> "n" + x).collect())
                .isEqualTo(data.stream().map(x -> "n" + x).toList());
    }

    @Test
    void flatMapFlattensTheReturnedIterators() {
        List<String> lines = List.of("a b c", "", "d", "e f", "g h i j");
        List<String> expected = lines.stream()
                .flatMap(line -> Arrays.stream(line.split(" ")).filter(word -> !word.isEmpty()))
                .toList();
        List<String> words = ctx.parallelize(lines, 3)
                .flatMap(line -> Arrays.stream(line.split(" "))
                        .filter(word -> !word.isEmpty())
                        .iterator())
                .collect();
        assertThat(words).isEqualTo(expected);
    }

    @Test
    void flatMapWithEmptyResultsEverywhereIsEmpty() {
        assertThat(ctx.parallelize(integers(10), 3)
                        .flatMap(x -> Collections.<Integer>emptyIterator())
                        .count())
                .isZero();
    }

    @Test
    void filterKeepsMatchingElementsInOrder() {
        List<Integer> data = integers(100);
        assertThat(ctx.parallelize(data, 5).filter(x -> x % 3 == 1).collect())
                .isEqualTo(data.stream().filter(x -> x % 3 == 1).toList());
    }

    @Test
    void mapPartitionsSeesEachPartitionWhole() {
        List<Integer> data = integers(37);
        RDD<Integer> rdd = ctx.parallelize(data, 4);
        List<Integer> sums = rdd.mapPartitions(values -> {
                    int sum = 0;
                    while (values.hasNext()) {
                        sum += values.next();
                    }
                    return List.of(sum).iterator();
                })
                .collect();
        List<Integer> expected = rdd.glom().collect().stream()
                .map(part -> part.stream().mapToInt(Integer::intValue).sum())
                .toList();
        assertThat(sums).isEqualTo(expected);
        assertThat(sums.stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(data.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void mapPartitionsWithIndexPassesThePartitionIndex() {
        RDD<String> rdd = ctx.parallelize(words(30), 4);
        List<List<String>> partitions = rdd.glom().collect();
        List<Pair<Integer, String>> tagged = rdd.mapPartitionsWithIndex(
                        (index, values) -> {
                            List<Pair<Integer, String>> out = new ArrayList<>();
                            values.forEachRemaining(value -> out.add(Pair.of(index, value)));
                            return out.iterator();
                        },
                        false)
                .collect();
        List<Pair<Integer, String>> expected = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            for (String word : partitions.get(i)) {
                expected.add(Pair.of(i, word));
            }
        }
        assertThat(tagged).isEqualTo(expected);
    }

    @Test
    void mapPartitionsKeepsThePartitionerOnlyWhenAsked() {
        PairRDD<Integer, Integer> partitioned =
                ctx.parallelizePairs(keyedIntegers(20, 4), 2).partitionBy(new HashPartitioner(3));
        assertThat(partitioned.mapPartitions(values -> values, true).partitioner())
                .contains(new HashPartitioner(3));
        assertThat(partitioned.mapPartitions(values -> values).partitioner()).isEmpty();
        assertThat(partitioned.map(pair -> pair).partitioner()).isEmpty();
        assertThat(partitioned.filter(pair -> pair.value() > 3).partitioner()).contains(new HashPartitioner(3));
    }

    @Test
    void mapToPairFlatMapToPairAndKeyByMakePairs() {
        List<String> words = words(40);
        assertThat(ctx.parallelize(words, 3)
                        .mapToPair(word -> Pair.of(word.charAt(0), word.length()))
                        .collect())
                .isEqualTo(words.stream()
                        .map(word -> Pair.of(word.charAt(0), word.length()))
                        .toList());
        assertThat(ctx.parallelize(words, 3)
                        .flatMapToPair(word -> word.chars()
                                .mapToObj(c -> Pair.of((char) c, word))
                                .iterator())
                        .collect())
                .isEqualTo(words.stream()
                        .flatMap(word -> word.chars().mapToObj(c -> Pair.of((char) c, word)))
                        .toList());
        assertThat(ctx.parallelize(words, 3).keyBy(String::length).collect())
                .isEqualTo(
                        words.stream().map(word -> Pair.of(word.length(), word)).toList());
        assertThat(ctx.parallelize(words, 3)
                        .mapPartitionsToPair(values -> {
                            int count = 0;
                            while (values.hasNext()) {
                                values.next();
                                count++;
                            }
                            return List.of(Pair.of("count", count)).iterator();
                        })
                        .values()
                        .reduce(Integer::sum))
                .isEqualTo(words.size());
    }

    @Test
    void groupByGroupsElementsByTheirKey() {
        List<String> words = words(60);
        Map<Integer, List<String>> expected = new HashMap<>();
        for (String word : words) {
            expected.computeIfAbsent(word.length(), ignored -> new ArrayList<>())
                    .add(word);
        }
        expected.values().forEach(Collections::sort);

        PairRDD<Integer, Iterable<String>> grouped = ctx.parallelize(words, 4).groupBy(String::length);
        assertThat(sortedGroups(grouped.collect())).isEqualTo(expected);

        PairRDD<Integer, Iterable<String>> groupedInto =
                ctx.parallelize(words, 4).groupBy(String::length, 7);
        assertThat(groupedInto.getNumPartitions()).isEqualTo(7);
        assertThat(sortedGroups(groupedInto.collect())).isEqualTo(expected);
    }

    // ---- set operations ----

    @Test
    void unionKeepsDuplicatesAndPartitions() {
        List<Integer> first = integers(10);
        List<Integer> second = List.of(5, 5, 20);
        RDD<Integer> union = ctx.parallelize(first, 2).union(ctx.parallelize(second, 3));
        List<Integer> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertThat(union.getNumPartitions()).isEqualTo(5);
        assertThat(union.collect()).isEqualTo(expected);
    }

    @Test
    void unionOfCoPartitionedRddsKeepsThePartitioner() {
        HashPartitioner partitioner = new HashPartitioner(3);
        PairRDD<Integer, Integer> first =
                ctx.parallelizePairs(keyedIntegers(20, 5), 2).partitionBy(partitioner);
        PairRDD<Integer, Integer> second =
                ctx.parallelizePairs(keyedIntegers(10, 7), 4).partitionBy(partitioner);
        PairRDD<Integer, Integer> union = first.union(second);
        assertThat(union.partitioner()).contains(partitioner);
        assertThat(union.getNumPartitions()).isEqualTo(3);

        List<Pair<Integer, Integer>> expected = new ArrayList<>(keyedIntegers(20, 5));
        expected.addAll(keyedIntegers(10, 7));
        assertThat(union.collect()).containsExactlyInAnyOrderElementsOf(expected);
        List<List<Pair<Integer, Integer>>> partitions = union.glom().collect();
        for (int i = 0; i < partitions.size(); i++) {
            for (Pair<Integer, Integer> pair : partitions.get(i)) {
                assertThat(partitioner.getPartition(pair.key())).isEqualTo(i);
            }
        }
    }

    @Test
    void distinctRemovesDuplicates() {
        List<String> words = words(100);
        Set<String> expected = new HashSet<>(words);
        List<String> distinct = ctx.parallelize(words, 4).distinct().collect();
        assertThat(distinct).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);

        RDD<String> distinctInto = ctx.parallelize(words, 4).distinct(3);
        assertThat(distinctInto.getNumPartitions()).isEqualTo(3);
        assertThat(distinctInto.collect()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void intersectionIsTheDistinctCommonElements() {
        List<Integer> first = List.of(1, 2, 2, 3, 4, 4, 5, 9);
        List<Integer> second = List.of(4, 4, 2, 7, 9, 9, 11);
        Set<Integer> expected = new HashSet<>(first);
        expected.retainAll(second);
        List<Integer> intersection = ctx.parallelize(first, 3)
                .intersection(ctx.parallelize(second, 2))
                .collect();
        assertThat(intersection).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ctx.parallelize(first, 3)
                        .intersection(ctx.parallelize(List.of(100), 1))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void subtractKeepsDuplicatesOfTheLeftSide() {
        List<Integer> first = List.of(1, 1, 2, 3, 3, 3, 4, 5, 6);
        List<Integer> second = List.of(3, 5, 8);
        List<Integer> expected = first.stream().filter(x -> !second.contains(x)).toList();
        RDD<Integer> difference = ctx.parallelize(first, 3).subtract(ctx.parallelize(second, 2));
        assertThat(difference.getNumPartitions()).isEqualTo(3);
        assertThat(difference.collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ctx.parallelize(first, 3)
                        .subtract(ctx.parallelize(second, 2), 5)
                        .getNumPartitions())
                .isEqualTo(5);
    }

    @Test
    void cartesianPairsEveryElementWithEveryOther() {
        List<Integer> first = integers(7);
        List<String> second = List.of("x", "y", "z");
        PairRDD<Integer, String> product = ctx.parallelize(first, 3).cartesian(ctx.parallelize(second, 2));
        List<Pair<Integer, String>> expected = new ArrayList<>();
        for (Integer a : first) {
            for (String b : second) {
                expected.add(Pair.of(a, b));
            }
        }
        assertThat(product.getNumPartitions()).isEqualTo(3 * 2);
        assertThat(product.collect()).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---- zips ----

    @Test
    void zipPairsElementsByPosition() {
        List<Integer> numbers = integers(20);
        RDD<Integer> left = ctx.parallelize(numbers, 4);
        RDD<String> right = left.map(x -> "v" + x);
        assertThat(left.zip(right).collect())
                .isEqualTo(numbers.stream().map(x -> Pair.of(x, "v" + x)).toList());
    }

    @Test
    void zipRejectsUnequalPartitionCounts() {
        EmberException error = emberError(() -> ctx.parallelize(integers(10), 2).zip(ctx.parallelize(integers(10), 3)));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("partitions");
    }

    @Test
    void zipFailsOnUnequalElementCountsInAPartition() {
        RDD<Integer> left = ctx.parallelize(integers(10), 2);
        RDD<Integer> right = ctx.parallelize(integers(11), 2);
        Throwable error = emberError(() -> left.zip(right).collect());
        assertThat(errorMessages(error)).contains("same number of elements");
    }

    @Test
    void zipPartitionsCombinesPartitionsPairwise() {
        RDD<Integer> left = ctx.parallelize(integers(10), 3);
        RDD<String> right = ctx.parallelize(words(7), 3);
        List<String> combined = left.zipPartitions(right, (numbers, strings) -> {
                    int count = 0;
                    while (numbers.hasNext()) {
                        numbers.next();
                        count++;
                    }
                    List<String> parts = new ArrayList<>();
                    strings.forEachRemaining(parts::add);
                    return List.of(count + ":" + String.join(",", parts)).iterator();
                })
                .collect();
        List<List<Integer>> leftParts = left.glom().collect();
        List<List<String>> rightParts = right.glom().collect();
        List<String> expected = IntStream.range(0, 3)
                .mapToObj(i -> leftParts.get(i).size() + ":" + String.join(",", rightParts.get(i)))
                .toList();
        assertThat(combined).isEqualTo(expected);
    }

    @Test
    void zipWithIndexNumbersElementsInOrder() {
        List<String> words = words(25);
        RDD<String> rdd = ctx.parallelize(words, 4).filter(word -> !word.startsWith("k"));
        List<String> kept = words.stream().filter(word -> !word.startsWith("k")).toList();
        List<Pair<String, Long>> indexed = rdd.zipWithIndex().collect();
        assertThat(indexed)
                .isEqualTo(IntStream.range(0, kept.size())
                        .mapToObj(i -> Pair.of(kept.get(i), (long) i))
                        .toList());
        assertThat(ctx.parallelize(words, 1).zipWithIndex().values().collect())
                .isEqualTo(
                        IntStream.range(0, words.size()).mapToObj(i -> (long) i).toList());
    }

    @Test
    void zipWithUniqueIdGivesDistinctIdsByPartitionPosition() {
        RDD<Integer> rdd = ctx.parallelize(integers(23), 4);
        List<List<Integer>> partitions = rdd.glom().collect();
        List<Pair<Integer, Long>> expected = new ArrayList<>();
        for (int k = 0; k < partitions.size(); k++) {
            for (int i = 0; i < partitions.get(k).size(); i++) {
                expected.add(Pair.of(partitions.get(k).get(i), (long) i * partitions.size() + k));
            }
        }
        List<Pair<Integer, Long>> withIds = rdd.zipWithUniqueId().collect();
        assertThat(withIds).isEqualTo(expected);
        assertThat(withIds.stream().map(Pair::value).collect(Collectors.toSet()))
                .hasSize(23);
    }

    // ---- partition structure ----

    @Test
    void glomReturnsOneListPerPartition() {
        List<Integer> data = integers(10);
        List<List<Integer>> partitions = ctx.parallelize(data, 3).glom().collect();
        assertThat(partitions).hasSize(3);
        assertThat(partitions.stream().flatMap(List::stream).toList()).isEqualTo(data);
    }

    @Test
    void coalesceWithoutShuffleMergesNeighbours() {
        List<Integer> data = integers(100);
        RDD<Integer> coalesced = ctx.parallelize(data, 10).coalesce(3);
        assertThat(coalesced.getNumPartitions()).isEqualTo(3);
        assertThat(coalesced.collect()).as("order kept").isEqualTo(data);
        assertThat(coalesced.toDebugString()).doesNotContain("+-");
        assertThat(ctx.parallelize(data, 4).coalesce(10).getNumPartitions())
                .as("cannot grow without a shuffle")
                .isEqualTo(4);
    }

    @Test
    void coalesceWithShuffleRedistributesEvenly() {
        List<Integer> data = integers(1000);
        RDD<Integer> grown = ctx.parallelize(data, 2).coalesce(6, true);
        assertThat(grown.getNumPartitions()).isEqualTo(6);
        assertThat(grown.collect()).containsExactlyInAnyOrderElementsOf(data);
        assertThat(grown.toDebugString()).contains("+-");
        for (List<Integer> partition : grown.glom().collect()) {
            assertThat(partition.size()).isBetween(1000 / 6 - 20, 1000 / 6 + 20);
        }
    }

    @Test
    void repartitionChangesThePartitionCountBothWays() {
        List<Integer> data = integers(300);
        RDD<Integer> up = ctx.parallelize(data, 2).repartition(5);
        RDD<Integer> down = ctx.parallelize(data, 8).repartition(3);
        assertThat(up.getNumPartitions()).isEqualTo(5);
        assertThat(down.getNumPartitions()).isEqualTo(3);
        assertThat(up.collect()).containsExactlyInAnyOrderElementsOf(data);
        assertThat(down.collect()).containsExactlyInAnyOrderElementsOf(data);
        assertThat(up.glom().collect())
                .allSatisfy(partition -> assertThat(partition).isNotEmpty());
    }

    @Test
    void coalesceRejectsNonPositiveCounts() {
        assertThat(emberError(() -> ctx.parallelize(integers(3), 1).coalesce(0)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    // ---- sorting ----

    @ParameterizedTest(name = "ascending = {0}")
    @ValueSource(booleans = {true, false})
    void sortByIsGloballySortedAcrossPartitions(boolean ascending) {
        List<Integer> data = integers(500);
        Collections.shuffle(data, new java.util.Random(7));
        RDD<Integer> sorted = ctx.parallelize(data, 4).sortBy(x -> x % 97 * 1000 + x, ascending, 3);

        List<Integer> expected = new ArrayList<>(data);
        java.util.Comparator<Integer> order = java.util.Comparator.comparingInt(x -> x % 97 * 1000 + x);
        expected.sort(ascending ? order : order.reversed());
        assertThat(sorted.getNumPartitions()).isEqualTo(3);
        assertThat(sorted.collect()).isEqualTo(expected);
        assertThat(sorted.glom().collect())
                .allSatisfy(partition -> assertThat(partition).isNotEmpty());
    }

    @Test
    void sortByWithAComparator() {
        List<String> words = words(80);
        RDD<String> sorted = ctx.parallelize(words, 3)
                .sortBy(
                        word -> word,
                        (a, b) -> a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b),
                        false,
                        2);
        List<String> expected = new ArrayList<>(words);
        expected.sort(java.util.Comparator.comparingInt(String::length)
                .thenComparing(java.util.Comparator.naturalOrder())
                .reversed());
        assertThat(sorted.getNumPartitions()).isEqualTo(2);
        assertThat(sorted.collect()).isEqualTo(expected);
    }

    // ---- pipe ----

    @Test
    void pipeThroughCatReturnsTheInput() {
        List<String> words = words(30);
        RDD<String> piped = ctx.parallelize(words, 3).pipe("cat");
        assertThat(piped.getNumPartitions()).isEqualTo(3);
        assertThat(piped.collect()).isEqualTo(words);
    }

    @Test
    void pipeThroughTrTransformsEachLine() {
        List<String> words = words(30);
        assertThat(ctx.parallelize(words, 3).pipe("tr a-z A-Z").collect())
                .isEqualTo(words.stream()
                        .map(word -> word.toUpperCase(Locale.ROOT))
                        .toList());
    }

    @Test
    void pipeCommandLinesAreSplitLikeAShellDoes() {
        List<String> words = words(10);
        assertThat(ctx.parallelize(words, 2).pipe("sh -c 'tr a-z A-Z | rev'").collect())
                .isEqualTo(words.stream()
                        .map(word -> new StringBuilder(word.toUpperCase(Locale.ROOT))
                                .reverse()
                                .toString())
                        .toList());
        assertThat(ctx.parallelize(words, 2).pipe("sed \"s/^/a b /\"").collect())
                .isEqualTo(words.stream().map(word -> "a b " + word).toList());
        Throwable error = emberError(
                () -> ctx.parallelize(words, 2).pipe("sh -c \"exit 3\"").collect());
        assertThat(errorMessages(error)).contains("status 3");
        assertThat(emberError(() -> ctx.parallelize(words, 2).pipe("sh -c 'exit 3"))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(emberError(() -> ctx.parallelize(words, 2).pipe("  ")).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void pipePassesTheEnvironment() {
        List<String> output = ctx.parallelize(integers(6), 3)
                .pipe(
                        List.of("sh", "-c", "cat > /dev/null; echo \"$EMBER_TEST_VALUE\""),
                        Map.of("EMBER_TEST_VALUE", "42"))
                .collect();
        assertThat(output).containsExactly("42", "42", "42");
    }

    @Test
    void pipeFailsWhenTheCommandExitsWithAnError() {
        RDD<String> piped = ctx.parallelize(integers(10), 2).pipe(List.of("sh", "-c", "exit 3"), Map.of());
        Throwable error = emberError(piped::collect);
        assertThat(errorMessages(error)).contains("status 3");
        assertThat(ctx.parallelize(integers(4), 2).pipe("cat").count())
                .as("the context still works")
                .isEqualTo(4);
    }

    @Test
    void pipeFailsWhenTheProgramIsMissing() {
        Throwable error = emberError(() -> ctx.parallelize(integers(4), 2)
                .pipe("no-such-program-anywhere --flag")
                .collect());
        assertThat(errorClasses(error)).contains(ErrorClass.SUBPROCESS_FAILED);
        assertThat(errorMessages(error)).contains("no-such-program-anywhere");
    }
}
