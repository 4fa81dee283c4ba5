package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.function.Function2;
import dev.ember.function.SerializableComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Actions: bringing elements to the driver, reducing and aggregating, running functions, asynchronous jobs. */
public abstract class RddActionSuite extends RddConformanceSuite {
    private static final List<Integer> DATA = shuffled(integers(200));

    private static List<Integer> shuffled(List<Integer> values) {
        List<Integer> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, new java.util.Random(3));
        return copy;
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    /** 8 partitions of which the first 5 are empty after filtering. */
    private RDD<Integer> mostlyEmptyPartitions() {
        return ctx.parallelize(integers(80), 8).filter(x -> x >= 50);
    }

    // ---- to the driver ----

    @Test
    void collectAndCount() {
        RDD<Integer> rdd = ctx.parallelize(DATA, 5);
        assertThat(rdd.collect()).isEqualTo(DATA);
        assertThat(rdd.count()).isEqualTo(DATA.size());
        assertThat(mostlyEmptyPartitions().count()).isEqualTo(30);
    }

    @Test
    void firstIsTheFirstElementInPartitionOrder() {
        assertThat(ctx.parallelize(DATA, 5).first()).isEqualTo(DATA.get(0));
        assertThat(mostlyEmptyPartitions().first()).isEqualTo(50);
    }

    @Test
    void firstOfAnEmptyRddFails() {
        EmberException error = emberError(
                () -> ctx.parallelize(integers(10), 3).filter(x -> x < 0).first());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("empty");
        assertThat(emberError(() -> ctx.emptyRDD().first()).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @ParameterizedTest(name = "take({0})")
    @ValueSource(ints = {0, 1, 3, 29, 30, 31, 1000})
    void takeReturnsTheFirstElementsAcrossPartitions(int count) {
        List<Integer> expected =
                integers(80).stream().filter(x -> x >= 50).limit(count).toList();
        assertThat(mostlyEmptyPartitions().take(count)).isEqualTo(expected);
        assertThat(ctx.parallelize(DATA, 5).take(count)).isEqualTo(DATA.subList(0, Math.min(count, DATA.size())));
    }

    @Test
    void takeRejectsNegativeCounts() {
        assertThat(emberError(() -> ctx.parallelize(DATA, 2).take(-1)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(ctx.emptyRDD().take(5)).isEmpty();
    }

    @Test
    void takeOrderedWithNaturalAndCustomOrders() {
        RDD<Integer> rdd = ctx.parallelize(DATA, 5);
        assertThat(rdd.takeOrdered(7)).isEqualTo(DATA.stream().sorted().limit(7).toList());
        assertThat(rdd.takeOrdered(7, Comparator.reverseOrder()))
                .isEqualTo(
                        DATA.stream().sorted(Comparator.reverseOrder()).limit(7).toList());
        SerializableComparator<Integer> byLastDigitThenValue =
                (a, b) -> a % 10 != b % 10 ? Integer.compare(a % 10, b % 10) : Integer.compare(a, b);
        assertThat(rdd.takeOrdered(12, byLastDigitThenValue))
                .isEqualTo(DATA.stream().sorted(byLastDigitThenValue).limit(12).toList());
        assertThat(rdd.takeOrdered(0)).isEmpty();
        assertThat(rdd.takeOrdered(DATA.size() + 10))
                .isEqualTo(DATA.stream().sorted().toList());
        assertThat(ctx.<Integer>emptyRDD().takeOrdered(3)).isEmpty();
    }

    @Test
    void topReturnsTheLargestFirst() {
        RDD<Integer> rdd = ctx.parallelize(DATA, 5);
        assertThat(rdd.top(5))
                .isEqualTo(
                        DATA.stream().sorted(Comparator.reverseOrder()).limit(5).toList());
        SerializableComparator<Integer> byLastDigitThenValue =
                (a, b) -> a % 10 != b % 10 ? Integer.compare(a % 10, b % 10) : Integer.compare(a, b);
        assertThat(rdd.top(4, byLastDigitThenValue))
                .isEqualTo(DATA.stream()
                        .sorted(byLastDigitThenValue.reversed())
                        .limit(4)
                        .toList());
        assertThat(rdd.top(3, Comparator.reverseOrder()))
                .isEqualTo(DATA.stream().sorted().limit(3).toList());
    }

    @Test
    void toLocalIteratorYieldsAllElementsInOrder() {
        Iterator<Integer> iterator = ctx.parallelize(DATA, 6).toLocalIterator();
        List<Integer> seen = new ArrayList<>();
        iterator.forEachRemaining(seen::add);
        assertThat(seen).isEqualTo(DATA);
        Iterator<Integer> sparse = mostlyEmptyPartitions().toLocalIterator();
        List<Integer> sparseSeen = new ArrayList<>();
        sparse.forEachRemaining(sparseSeen::add);
        assertThat(sparseSeen).isEqualTo(integers(80).subList(50, 80));
        assertThat(ctx.emptyRDD().toLocalIterator().hasNext()).isFalse();
    }

    // ---- reducing ----

    @Test
    void reduceCombinesAllElements() {
        assertThat(ctx.parallelize(DATA, 5).reduce(Integer::sum)).isEqualTo(sum(DATA));
        assertThat(ctx.parallelize(DATA, 5).reduce(Math::max)).isEqualTo(199);
        assertThat(mostlyEmptyPartitions().reduce(Integer::sum))
                .isEqualTo(sum(integers(80).subList(50, 80)));
    }

    @Test
    void reduceOfAnEmptyRddFails() {
        EmberException error = emberError(
                () -> ctx.parallelize(integers(5), 2).filter(x -> x > 10).reduce(Integer::sum));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("empty");
        assertThat(emberError(() -> ctx.<Integer>emptyRDD().reduce(Integer::sum))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(emberError(() -> ctx.<Integer>emptyRDD().treeReduce(Integer::sum, 2))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void treeReduceEqualsReduce(int depth) {
        List<Integer> data = integers(1000);
        RDD<Integer> rdd = ctx.parallelize(data, 37);
        assertThat(rdd.treeReduce(Integer::sum, depth)).isEqualTo(sum(data));
        assertThat(mostlyEmptyPartitions().treeReduce(Math::min, depth)).isEqualTo(50);
    }

    @Test
    void foldStartsEachPartitionAndTheMergeFromZero() {
        int partitions = 5;
        RDD<Integer> rdd = ctx.parallelize(DATA, partitions);
        assertThat(rdd.fold(0, Integer::sum)).isEqualTo(sum(DATA));
        assertThat(rdd.fold(1, Integer::sum))
                .as("the zero is used once per partition and once on the driver")
                .isEqualTo(sum(DATA) + partitions + 1);
        assertThat(ctx.<Integer>emptyRDD().fold(7, Integer::sum)).isEqualTo(7);
    }

    @Test
    void jdkMethodReferencesFoldAsTheLambdasWrittenOutDo() {
        List<Double> doubles = new ArrayList<>();
        java.util.Random random = new java.util.Random(53);
        for (int i = 0; i < 2000; i++) {
            doubles.add(random.nextGaussian() * 1e9);
        }
        RDD<Double> rdd = ctx.parallelize(doubles, 4);
        // Partitions fold in order and their results merge in partition order: the same additions, bit for bit.
        assertThat(Double.doubleToRawLongBits(rdd.fold(0.0, Double::sum)))
                .isEqualTo(Double.doubleToRawLongBits(rdd.fold(0.0, (a, b) -> a + b)));
        assertThat(Double.doubleToRawLongBits(rdd.reduce(Double::sum)))
                .isEqualTo(Double.doubleToRawLongBits(rdd.reduce((a, b) -> a + b)));
        RDD<Long> longs = ctx.parallelize(List.of(Long.MAX_VALUE, 1L, 5L, -3L), 2);
        assertThat(longs.reduce(Long::sum)).as("wraps as Long.sum does").isEqualTo(Long.MAX_VALUE + 1 + 5 - 3);
        assertThat(longs.aggregate(0L, Math::max, Math::max)).isEqualTo(Long.MAX_VALUE);

        // A null reaches the function itself, which fails as it would have.
        RDD<Long> withNull = ctx.parallelize(java.util.Arrays.asList(1L, null, 3L), 1);
        assertThat(emberError(() -> withNull.reduce(Long::sum)).getMessage()).contains("NullPointerException");
        assertThat(emberError(() -> withNull.reduce((a, b) -> a + b)).getMessage())
                .contains("NullPointerException");
    }

    @Test
    void aggregateWithAMutableZero() {
        HashSet<Integer> zero = new HashSet<>();
        Set<Integer> lastDigits = ctx.parallelize(DATA, 5)
                .aggregate(
                        zero,
                        (set, value) -> {
                            set.add(value % 10);
                            return set;
                        },
                        (a, b) -> {
                            a.addAll(b);
                            return a;
                        });
        assertThat(lastDigits).isEqualTo(DATA.stream().map(x -> x % 10).collect(Collectors.toSet()));
        assertThat(zero).as("the caller's zero is never changed").isEmpty();

        int[] counts = ctx.parallelize(DATA, 4)
                .aggregate(new int[2], (acc, value) -> new int[] {acc[0] + 1, acc[1] + value}, (a, b) ->
                        new int[] {a[0] + b[0], a[1] + b[1]});
        assertThat(counts).containsExactly(DATA.size(), sum(DATA));
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {2, 3})
    void treeAggregateOverManyPartitions(int depth) {
        List<Integer> data = integers(2000);
        RDD<Integer> rdd = ctx.parallelize(data, 64);
        HashSet<Integer> zero = new HashSet<>();
        Set<Integer> residues = rdd.treeAggregate(
                zero,
                (set, value) -> {
                    set.add(value % 101);
                    return set;
                },
                (a, b) -> {
                    a.addAll(b);
                    return a;
                },
                depth);
        assertThat(residues).isEqualTo(data.stream().map(x -> x % 101).collect(Collectors.toSet()));
        assertThat(zero).isEmpty();
        long total = rdd.treeAggregate(0L, (acc, value) -> acc + value, Long::sum, depth);
        assertThat(total).isEqualTo(data.stream().mapToLong(Integer::longValue).sum());
        assertThat(rdd.treeAggregate(0L, (acc, value) -> acc + 1, Long::sum)).isEqualTo(data.size());
        assertThat(ctx.<Integer>emptyRDD().treeAggregate(5L, (acc, value) -> acc + value, Long::sum, depth))
                .isEqualTo(5L);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 2, 3})
    void aggregatesMayBeNull(int depth) {
        List<Integer> data =
                integers(300).stream().map(x -> x < 200 ? 2 * x : x).toList();
        RDD<Integer> rdd = ctx.parallelize(data, 30);
        Integer expected =
                data.stream().filter(x -> x % 2 == 1).max(Integer::compare).orElse(null);
        Function2<Integer, Integer, Integer> largerOdd = (largest, x) -> {
            if (x % 2 == 0 || (largest != null && largest >= x)) {
                return largest;
            }
            return x;
        };
        Function2<Integer, Integer, Integer> larger = (a, b) -> {
            if (a == null) {
                return b;
            }
            return b == null || a >= b ? a : b;
        };
        assertThat(rdd.treeAggregate(null, largerOdd, larger, depth)).isEqualTo(expected);
        assertThat(rdd.aggregate(null, largerOdd, larger)).isEqualTo(expected);
        assertThat(rdd.filter(x -> x % 2 == 0).treeAggregate(null, largerOdd, larger, depth))
                .isNull();
    }

    @Test
    void treeAggregateRejectsDepthZero() {
        assertThat(emberError(() -> ctx.parallelize(DATA, 2).treeAggregate(0, (a, b) -> a + b, Integer::sum, 0))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void minAndMaxWithComparators() {
        RDD<Integer> rdd = ctx.parallelize(DATA, 5);
        assertThat(rdd.min(Comparator.naturalOrder())).isEqualTo(0);
        assertThat(rdd.max(Comparator.naturalOrder())).isEqualTo(199);
        SerializableComparator<Integer> byLastDigitThenValue =
                (a, b) -> a % 10 != b % 10 ? Integer.compare(a % 10, b % 10) : Integer.compare(a, b);
        assertThat(rdd.min(byLastDigitThenValue))
                .isEqualTo(DATA.stream().min(byLastDigitThenValue).orElseThrow());
        assertThat(rdd.max(byLastDigitThenValue))
                .isEqualTo(DATA.stream().max(byLastDigitThenValue).orElseThrow());
        assertThat(rdd.max(Comparator.reverseOrder())).isEqualTo(0);
    }

    @Test
    void isEmpty() {
        assertThat(ctx.emptyRDD().isEmpty()).isTrue();
        assertThat(ctx.parallelize(List.of(), 3).isEmpty()).isTrue();
        assertThat(ctx.parallelize(DATA, 3).filter(x -> x > 1000).isEmpty()).isTrue();
        assertThat(mostlyEmptyPartitions().isEmpty()).isFalse();
        assertThat(ctx.parallelize(List.of(1), 4).isEmpty()).isFalse();
    }

    // ---- running functions ----

    @Test
    void foreachRunsOnEveryElement() {
        LongAccumulator total = ctx.longAccumulator("total");
        ctx.parallelize(DATA, 5).foreach(total::add);
        assertThat(total.value()).isEqualTo((long) sum(DATA));
        assertThat(total.count()).isEqualTo(DATA.size());
    }

    @Test
    void foreachPartitionRunsOncePerPartition() {
        LongAccumulator partitions = ctx.longAccumulator();
        LongAccumulator elements = ctx.longAccumulator();
        ctx.parallelize(DATA, 7).foreachPartition(values -> {
            partitions.add(1);
            values.forEachRemaining(value -> elements.add(1));
        });
        assertThat(partitions.value()).isEqualTo(7);
        assertThat(elements.value()).isEqualTo(DATA.size());
    }

    // ---- asynchronous actions ----

    @Test
    void asynchronousActionsCompleteWithTheirResults() throws Exception {
        RDD<Integer> rdd = ctx.parallelize(DATA, 5);
        JobFuture<List<Integer>> collected = rdd.collectAsync();
        JobFuture<Long> counted = rdd.countAsync();
        LongAccumulator sum = ctx.longAccumulator();
        JobFuture<Void> foreach = rdd.foreachAsync(sum::add);
        LongAccumulator partitions = ctx.longAccumulator();
        JobFuture<Void> foreachPartition = rdd.foreachPartitionAsync(values -> partitions.add(1));

        assertThat(collected.get()).isEqualTo(DATA);
        assertThat(counted.get()).isEqualTo(DATA.size());
        assertThat(foreach.get()).isNull();
        assertThat(foreachPartition.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNull();
        assertThat(sum.value()).isEqualTo((long) sum(DATA));
        assertThat(partitions.value()).isEqualTo(5);
        assertThat(collected.isDone()).isTrue();
        assertThat(collected.isCancelled()).isFalse();
        assertThat(collected.jobId()).isNotEqualTo(counted.jobId());
        assertThat(collected.toCompletionStage().toCompletableFuture().get()).isEqualTo(DATA);
    }

    @Test
    void asynchronousActionsOfEmptyRdds() throws Exception {
        assertThat(ctx.emptyRDD().collectAsync().get()).isEmpty();
        assertThat(ctx.emptyRDD().countAsync().get()).isZero();
    }

    @Test
    void asynchronousFailureSurfacesInGet() {
        JobFuture<List<Integer>> future = ctx.parallelize(integers(10), 2)
                .map(x -> {
                    if (x == 7) {
                        throw new IllegalStateException("seven is not allowed");
                    }
                    return x;
                })
                .collectAsync();
        Throwable error = emberError(future::get);
        assertThat(errorMessages(error)).contains("seven is not allowed");
        assertThat(causeOfType(error, IllegalStateException.class).getMessage()).isEqualTo("seven is not allowed");
    }
}
