package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corners: empty RDDs and empty partitions through every kind of operation, null keys and values, shuffles
 * with many partitions, large inputs through pipes and long lines, and concurrent jobs sharing cached data.
 */
public abstract class RddEdgeCaseSuite extends RddConformanceSuite {

    // ---- empty inputs ----

    @Test
    void shufflesOfEmptyRdds() {
        PairRDD<Integer, Integer> empty = PairRDD.of(ctx.<Pair<Integer, Integer>>emptyRDD());
        assertThat(empty.reduceByKey(Integer::sum).collect()).isEmpty();
        assertThat(empty.reduceByKey(Integer::sum, 3).collect()).isEmpty();
        assertThat(empty.groupByKey(2).collect()).isEmpty();
        assertThat(empty.sortByKey().collect()).isEmpty();
        assertThat(empty.sortByKey(false, 4).collect()).isEmpty();
        assertThat(empty.join(ctx.parallelizePairs(List.of(Pair.of(1, "a")), 2)).collect())
                .isEmpty();
        assertThat(empty.partitionBy(new HashPartitioner(3)).glom().collect())
                .hasSize(3)
                .allSatisfy(part -> assertThat(part).isEmpty());
        assertThat(empty.countByKey()).isEmpty();
        assertThat(empty.collectAsMap()).isEmpty();
        assertThat(empty.lookup(1)).isEmpty();
        assertThat(ctx.emptyRDD().repartition(3).collect()).isEmpty();
        assertThat(ctx.emptyRDD().distinct().collect()).isEmpty();
        assertThat(ctx.emptyRDD().coalesce(2).collect()).isEmpty();
    }

    @Test
    void shufflesOfRddsWithOnlyEmptyPartitions() {
        PairRDD<Integer, Integer> empty =
                ctx.parallelizePairs(keyedIntegers(10, 3), 4).filter(pair -> pair.value() < 0);
        assertThat(empty.reduceByKey(Integer::sum).collect()).isEmpty();
        assertThat(empty.groupByKey().collect()).isEmpty();
        assertThat(empty.sortByKey(true, 3).collect()).isEmpty();
        assertThat(empty.repartition(5).count()).isZero();
        assertThat(empty.distinct().count()).isZero();
        assertThat(empty.values().intersection(ctx.parallelize(integers(5), 2)).collect())
                .isEmpty();
        assertThat(ctx.parallelize(integers(5), 2).subtract(empty.values()).collect())
                .containsExactlyInAnyOrderElementsOf(integers(5));
        assertThat(empty.fullOuterJoin(ctx.parallelizePairs(List.of(Pair.of(1, "x")), 1))
                        .collect())
                .containsExactly(Pair.of(1, Pair.of(Optional.empty(), Optional.of("x"))));
    }

    @Test
    void narrowOperationsOfEmptyRdds() {
        RDD<Integer> empty = ctx.emptyRDD();
        assertThat(empty.zipWithIndex().collect()).isEmpty();
        assertThat(empty.zipWithUniqueId().collect()).isEmpty();
        assertThat(empty.glom().collect()).isEmpty();
        assertThat(empty.cartesian(ctx.parallelize(integers(3), 2)).collect()).isEmpty();
        assertThat(ctx.parallelize(integers(3), 2).cartesian(empty).collect()).isEmpty();
        assertThat(empty.union(ctx.parallelize(integers(3), 2)).collect()).isEqualTo(integers(3));
        assertThat(empty.sample(false, 0.5, 1).collect()).isEmpty();
        assertThat(empty.pipe("cat").collect()).isEmpty();
        assertThat(empty.zip(ctx.<String>emptyRDD()).collect()).isEmpty();
        assertThat(empty.sortBy(x -> x, true, 2).collect()).isEmpty();
        assertThat(ctx.parallelize(List.<Integer>of(), 3).zipWithIndex().collect())
                .isEmpty();
    }

    @Test
    void savingAndReadingAnEmptyRdd(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("empty");
        ctx.parallelize(List.<String>of(), 2).saveAsTextFile(output.toString());
        assertThat(Files.exists(output.resolve("_SUCCESS"))).isTrue();
        assertThat(ctx.textFile(output.toString()).collect()).isEmpty();
        Path objects = directory.resolve("objects");
        ctx.parallelize(List.<Integer>of(), 2).saveAsObjectFile(objects.toString());
        assertThat(ctx.<Integer>objectFile(objects.toString()).collect()).isEmpty();
    }

    @Test
    void zeroPartitionCountsAreRefused() {
        PairRDD<Integer, Integer> pairs = ctx.parallelizePairs(keyedIntegers(20, 3), 2);
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                () -> pairs.reduceByKey(Integer::sum, 0),
                () -> pairs.groupByKey(0),
                () -> pairs.join(pairs, 0),
                () -> pairs.cogroup(pairs, 0),
                () -> pairs.distinct(0),
                () -> pairs.partitionBy(new HashPartitioner(0)),
                () -> pairs.aggregateByKey(0, -1, Integer::sum, Integer::sum),
                () -> pairs.repartition(0));
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : calls) {
            assertThat(emberError(call).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        }
    }

    @Test
    void arraysAreRefusedAsHashedKeys() {
        PairRDD<int[], Integer> pairs = ctx.parallelize(List.of(new int[] {1}, new int[] {1}, new int[] {2}), 2)
                .mapToPair(array -> Pair.of(array, 1));
        Throwable error = emberError(() -> pairs.reduceByKey(Integer::sum).collect());
        assertThat(errorClasses(error)).contains(ErrorClass.INVALID_ARGUMENT);
        assertThat(errorMessages(error)).contains("array keys");
        assertThat(pairs.mapToPair(pair ->
                                Pair.of(Arrays.stream(pair.key()).boxed().toList(), pair.value()))
                        .reduceByKey(Integer::sum)
                        .collectAsMap())
                .as("lists work")
                .isEqualTo(Map.of(List.of(1), 2, List.of(2), 1));
    }

    // ---- nulls ----

    @Test
    void nullKeysAndValuesAreOrdinaryKeysAndValues() {
        List<Pair<String, Integer>> pairs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pairs.add(Pair.of(i % 3 == 0 ? null : "k" + i % 4, i % 5 == 0 ? null : i));
        }
        PairRDD<String, Integer> rdd = ctx.parallelizePairs(pairs, 3);

        Map<String, List<Integer>> expected = new HashMap<>();
        for (Pair<String, Integer> pair : pairs) {
            expected.computeIfAbsent(pair.key(), ignored -> new ArrayList<>()).add(pair.value());
        }
        Map<String, List<Integer>> grouped = new HashMap<>();
        for (Pair<String, Iterable<Integer>> group : rdd.groupByKey(2).collect()) {
            List<Integer> values = new ArrayList<>();
            group.value().forEach(values::add);
            assertThat(grouped.put(group.key(), values)).isNull();
        }
        assertThat(grouped.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, values) -> assertThat(grouped.get(key)).containsExactlyInAnyOrderElementsOf(values));

        Map<String, Long> counts = rdd.countByKey();
        assertThat(counts).containsEntry(null, (long) expected.get(null).size());
        assertThat(rdd.mapValues(value -> value == null ? 0 : value)
                        .reduceByKey(Integer::sum)
                        .collectAsMap())
                .containsEntry(
                        null,
                        expected.get(null).stream()
                                .mapToInt(v -> v == null ? 0 : v)
                                .sum());
        assertThat(rdd.lookup(null)).containsExactlyInAnyOrderElementsOf(expected.get(null));
        assertThat(rdd.values().countByValue()).containsKey(null);
        assertThat(rdd.keys().distinct().collect()).containsExactlyInAnyOrderElementsOf(expected.keySet());

        PairRDD<String, String> other =
                ctx.parallelizePairs(Arrays.asList(Pair.of(null, "n"), Pair.of("k1", "one")), 2);
        Map<String, Long> joinedCounts = rdd.join(other).keys().countByValue();
        assertThat(joinedCounts)
                .containsEntry(null, (long) expected.get(null).size())
                .containsEntry("k1", (long) expected.get("k1").size())
                .hasSize(2);
    }

    // ---- many partitions, many records ----

    @Test
    void shufflesIntoManyPartitions() {
        List<Pair<Integer, Integer>> pairs = keyedIntegers(5000, 997);
        PairRDD<Integer, Integer> rdd = ctx.parallelizePairs(pairs, 3);
        Map<Integer, List<Integer>> expected = groupLocally(pairs);

        PairRDD<Integer, Iterable<Integer>> grouped = rdd.groupByKey(250);
        assertThat(grouped.getNumPartitions()).isEqualTo(250);
        Map<Integer, List<Integer>> groups = sortedGroups(grouped.collect());
        assertThat(groups)
                .isEqualTo(mapValuesLocally(
                        expected, values -> values.stream().sorted().toList()));

        PairRDD<Integer, Integer> partitioned = rdd.partitionBy(new HashPartitioner(301));
        List<List<Pair<Integer, Integer>>> partitions = partitioned.glom().collect();
        assertThat(partitions).hasSize(301);
        for (int i = 0; i < partitions.size(); i++) {
            for (Pair<Integer, Integer> pair : partitions.get(i)) {
                assertThat(Math.floorMod(pair.key().hashCode(), 301)).isEqualTo(i);
            }
        }
        assertThat(rdd.sortByKey(true, 220).keys().collect())
                .isEqualTo(pairs.stream().map(Pair::key).sorted().toList());
    }

    @Test
    void aLargeShuffleKeepsEveryRecord() {
        int count = 200_000;
        Map<Long, Long> counts = ctx.range(0, count, 1, 4)
                .mapToPair(x -> Pair.of(x % 1000, 1L))
                .reduceByKey(Long::sum, 5)
                .collectAsMap();
        assertThat(counts).hasSize(1000);
        assertThat(counts.values()).containsOnly((long) count / 1000);
        assertThat(ctx.range(0, count, 1, 4)
                        .map(x -> x * 7919 % count)
                        .distinct(6)
                        .count())
                .isEqualTo(count);
    }

    @Test
    void pipeStreamsLargeInputsBothWays() {
        List<Integer> data = integers(100_000);
        List<String> piped = ctx.parallelize(data, 2).pipe("cat").collect();
        assertThat(piped).isEqualTo(data.stream().map(String::valueOf).toList());
        assertThat(ctx.parallelize(data, 2).pipe("head -n 2").collect()).containsExactly("0", "1", "50000", "50001");
    }

    @Test
    void aFailureWhileFeedingAPipeFailsTheTask() {
        RDD<String> piped = ctx.parallelize(integers(100), 2)
                .map(x -> {
                    if (x == 70) {
                        throw new IllegalStateException("cannot feed " + x);
                    }
                    return x;
                })
                .pipe("cat");
        Throwable error = emberError(piped::collect);
        assertThat(errorMessages(error)).contains("cannot feed 70");
    }

    @Test
    void longLinesAcrossSplitsAndBuffers(@TempDir Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(String.valueOf((char) ('a' + i)).repeat(i % 3 == 0 ? 70_000 + i : 10 + i));
        }
        Path file = directory.resolve("long.txt");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        for (int minPartitions : new int[] {1, 2, 3, 7, 16, 50}) {
            assertThat(ctx.textFile(file.toString(), minPartitions).collect())
                    .as("%d partitions", minPartitions)
                    .isEqualTo(lines);
        }
    }

    // ---- concurrency ----

    @Test
    void concurrentJobsShareACachedRdd() throws Exception {
        LongAccumulator computed = ctx.longAccumulator();
        List<Integer> data = integers(2000);
        RDD<Integer> cached = ctx.parallelize(data, 6)
                .map(x -> {
                    computed.add(1);
                    return x * 2;
                })
                .cache();
        List<Integer> expected = data.stream().map(x -> x * 2).toList();
        ExecutorService pool = ThreadUtils.newDaemonFixedThreadPool(4, "concurrent-jobs");
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(cached::collect));
            }
            for (Future<List<Integer>> result : results) {
                assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            assertThat(ThreadUtils.shutdownAndAwait(pool, WAIT)).isTrue();
        }
        if (tasksRunInThisJvm()) {
            assertThat(computed.value()).as("each partition computed once").isEqualTo(data.size());
        } else {
            // Executors in different processes share no block lock: two jobs reaching a partition not cached yet at
            // the same moment on two executors both compute it. Within an executor the lock still holds.
            long executors = Math.max(
                    1, dev.ember.internal.ContextInternals.schedulerBackend(ctx).numExecutors());
            assertThat(computed.value())
                    .as("each partition computed at most once per executor")
                    .isBetween((long) data.size(), data.size() * executors);
        }
        cached.unpersist();
    }

    @Test
    void concurrentShufflesFromManyThreads() throws Exception {
        ExecutorService pool = ThreadUtils.newDaemonFixedThreadPool(4, "concurrent-shuffles");
        try {
            List<Future<Map<Integer, Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int keys = 5 + i;
                results.add(pool.submit(() -> ctx.parallelizePairs(keyedIntegers(500, keys), 3)
                        .reduceByKey(Integer::sum, 2)
                        .collectAsMap()));
            }
            for (int i = 0; i < results.size(); i++) {
                int keys = 5 + i;
                Map<Integer, Integer> expected = keyedIntegers(500, keys).stream()
                        .collect(Collectors.toMap(Pair::key, Pair::value, Integer::sum));
                assertThat(results.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo(expected);
            }
        } finally {
            assertThat(ThreadUtils.shutdownAndAwait(pool, WAIT)).isTrue();
        }
    }

    @Test
    void shuffleOutputIsReusedAcrossJobs() {
        LongAccumulator mapped = ctx.longAccumulator();
        PairRDD<Integer, Integer> reduced = ctx.parallelize(integers(100), 4)
                .mapToPair(x -> {
                    mapped.add(1);
                    return Pair.of(x % 10, x);
                })
                .reduceByKey(Integer::sum, 3);
        assertThat(reduced.count()).isEqualTo(10);
        assertThat(reduced.collectAsMap())
                .isEqualTo(
                        IntStream.range(0, 100).boxed().collect(Collectors.toMap(x -> x % 10, x -> x, Integer::sum)));
        assertThat(mapped.value()).as("the map stage ran once").isEqualTo(100);
    }
}
