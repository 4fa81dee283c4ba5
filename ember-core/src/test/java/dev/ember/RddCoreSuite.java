package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Creating RDDs from the context (collections, ranges, unions), the identity and lineage of RDDs, and what tasks see
 * of themselves through {@link TaskContext}. This suite never sets a checkpoint directory.
 */
public abstract class RddCoreSuite extends RddConformanceSuite {

    // ---- parallelize ----

    @Test
    void parallelizeCutsTheListIntoEvenContiguousSlices() {
        List<Integer> data = integers(103);
        int slices = 7;
        List<List<Integer>> partitions = ctx.parallelize(data, slices).glom().collect();

        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            expected.add(data.subList(i * data.size() / slices, (i + 1) * data.size() / slices));
        }
        assertThat(partitions).isEqualTo(expected);
    }

    @Test
    void parallelizeWithoutSliceCountUsesDefaultParallelism() {
        RDD<Integer> rdd = ctx.parallelize(integers(10));
        assertThat(rdd.getNumPartitions()).isEqualTo(ctx.defaultParallelism());
        assertThat(rdd.collect()).isEqualTo(integers(10));
    }

    @Test
    void parallelizeWithMoreSlicesThanElementsLeavesEmptyPartitions() {
        RDD<String> rdd = ctx.parallelize(List.of("a", "b", "c"), 8);
        assertThat(rdd.getNumPartitions()).isEqualTo(8);
        assertThat(rdd.collect()).containsExactly("a", "b", "c");
        assertThat(rdd.glom().collect().stream().filter(List::isEmpty).count()).isEqualTo(5);
    }

    @Test
    void parallelizeCopiesTheList() {
        List<Integer> data = integers(10);
        RDD<Integer> rdd = ctx.parallelize(data, 3);
        List<Integer> expected = List.copyOf(data);
        data.clear();
        assertThat(rdd.collect()).isEqualTo(expected);
    }

    @Test
    void parallelizeRejectsNonPositiveSliceCounts() {
        assertThat(emberError(() -> ctx.parallelize(integers(3), 0)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void parallelizePairsMakesAPairRdd() {
        List<Pair<String, Integer>> pairs = List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("a", 3));
        PairRDD<String, Integer> rdd = ctx.parallelizePairs(pairs, 2);
        assertThat(rdd.getNumPartitions()).isEqualTo(2);
        assertThat(rdd.collect()).isEqualTo(pairs);
        assertThat(rdd.keys().collect()).isEqualTo(pairs.stream().map(Pair::key).toList());
        assertThat(ctx.parallelizePairs(pairs).getNumPartitions()).isEqualTo(ctx.defaultParallelism());
    }

    // ---- range ----

    @ParameterizedTest(name = "range({0}, {1}, {2}) in {3} slices")
    @CsvSource({
        "0, 100, 1, 4",
        "5, 47, 3, 3",
        "-10, 10, 7, 5",
        "100, 0, -1, 4",
        "50, -50, -9, 6",
        "0, 10, 20, 3",
        "7, 7, 1, 2",
        "10, 0, 1, 2",
        "0, 10, -1, 2",
        "9223372036854775800, 9223372036854775807, 2, 2"
    })
    void rangeProducesTheArithmeticSequenceBelowTheEnd(long start, long end, long step, int slices) {
        List<Long> expected = new ArrayList<>();
        for (long value = start; step > 0 ? value < end : value > end; value += step) {
            expected.add(value);
            if (step > 0 ? value > Long.MAX_VALUE - step : value < Long.MIN_VALUE - step) {
                break;
            }
        }
        RDD<Long> range = ctx.range(start, end, step, slices);
        assertThat(range.getNumPartitions()).isEqualTo(slices);
        assertThat(range.collect()).isEqualTo(expected);
        assertThat(range.count()).isEqualTo(expected.size());
    }

    @Test
    void rangeSlicesAreContiguousAndEven() {
        List<List<Long>> slices = ctx.range(0, 10, 1, 3).glom().collect();
        assertThat(slices)
                .containsExactly(
                        LongStream.range(0, 3).boxed().toList(),
                        LongStream.range(3, 6).boxed().toList(),
                        LongStream.range(6, 10).boxed().toList());
    }

    @Test
    void rangeWithoutStepUsesDefaultParallelism() {
        RDD<Long> range = ctx.range(3, 13);
        assertThat(range.getNumPartitions()).isEqualTo(ctx.defaultParallelism());
        assertThat(range.collect()).isEqualTo(LongStream.range(3, 13).boxed().toList());
    }

    @Test
    void rangeRejectsAZeroStep() {
        EmberException error = emberError(() -> ctx.range(0, 10, 0, 2));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("step");
    }

    // ---- empty RDDs and unions ----

    @Test
    void emptyRddHasNoPartitionsAndNoElements() {
        RDD<String> empty = ctx.emptyRDD();
        assertThat(empty.getNumPartitions()).isZero();
        assertThat(empty.collect()).isEmpty();
        assertThat(empty.count()).isZero();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.map(String::length).collect()).isEmpty();
    }

    @Test
    void unionOfAListConcatenatesInOrder() {
        List<Integer> first = integers(10);
        List<Integer> second = List.of(100, 101);
        List<Integer> third = IntStream.range(50, 75).boxed().toList();
        RDD<Integer> union =
                ctx.union(List.of(ctx.parallelize(first, 3), ctx.parallelize(second, 1), ctx.parallelize(third, 4)));

        List<Integer> expected = new ArrayList<>(first);
        expected.addAll(second);
        expected.addAll(third);
        assertThat(union.getNumPartitions()).isEqualTo(3 + 1 + 4);
        assertThat(union.collect()).isEqualTo(expected);
    }

    @Test
    void unionOfNoRddsIsEmpty() {
        assertThat(ctx.<String>union(List.of()).collect()).isEmpty();
    }

    @Test
    void unionOfOneRddIsThatRddsElements() {
        assertThat(ctx.union(List.of(ctx.parallelize(integers(5), 2))).collect())
                .isEqualTo(integers(5));
    }

    // ---- identity and lineage ----

    @Test
    void idsAreUniqueAndNamesAreKept() {
        RDD<Integer> first = ctx.parallelize(integers(3), 1);
        RDD<Integer> second = first.map(x -> x + 1);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(first.name()).isNull();

        RDD<Integer> named = second.setName("plus one");
        assertThat(named).isSameAs(second);
        assertThat(second.name()).isEqualTo("plus one");
        assertThat(second.toString()).contains("plus one").contains("[" + second.id() + "]");
        assertThat(second.toDebugString()).contains("plus one");
        assertThat(second.context()).isSameAs(ctx);
    }

    @Test
    void debugStringOfNarrowLineageIsOneStage() {
        RDD<Integer> mapped = ctx.parallelize(integers(10), 3).map(x -> x * 2).filter(x -> x > 4);
        String lineage = mapped.toDebugString();
        assertThat(lineage).contains("MapPartitionsRDD").contains("ParallelCollectionRDD");
        assertThat(lineage).doesNotContain("+-");
        assertThat(lineage.lines().count()).isEqualTo(3);
        assertThat(lineage.lines().findFirst().orElseThrow()).startsWith("(3)");
    }

    @Test
    void debugStringMarksEachShuffleAsANewStage() {
        PairRDD<Integer, Integer> reduced = ctx.parallelize(integers(100), 4)
                .mapToPair(x -> Pair.of(x % 5, x))
                .reduceByKey(Integer::sum, 3);
        RDD<Integer> sorted = reduced.values().sortBy(x -> x, true, 2);
        String lineage = sorted.toDebugString();

        assertThat(lineage)
                .contains("ShuffledRDD")
                .contains("ParallelCollectionRDD")
                .contains("MapPartitionsRDD");
        assertThat(lineage.split("\\+-", -1))
                .as("two shuffles: two stage markers")
                .hasSize(3);
        assertThat(lineage.lines().findFirst().orElseThrow()).startsWith("(2)");
        assertThat(lineage).contains("(3) ").contains("(4) ");
        assertThat(reduced.toDebugString()).contains("+-");
    }

    // ---- what tasks see ----

    @Test
    void taskContextDescribesTheRunningTask() {
        assertThat(TaskContext.get()).as("no task context on the driver").isNull();
        int partitions = 5;
        List<int[]> seen = ctx.parallelize(integers(20), partitions)
                .mapPartitionsWithIndex(
                        (index, values) -> {
                            TaskContext task = TaskContext.get();
                            return List.of(new int[] {
                                        index,
                                        task.partitionId(),
                                        task.numPartitions(),
                                        task.attemptNumber(),
                                        task.stageId(),
                                        task.stageAttemptNumber()
                                    })
                                    .iterator();
                        },
                        false)
                .collect();

        assertThat(seen).hasSize(partitions);
        for (int[] task : seen) {
            assertThat(task[1]).as("partitionId").isEqualTo(task[0]);
            assertThat(task[2]).as("numPartitions").isEqualTo(partitions);
            assertThat(task[3]).as("attemptNumber").isZero();
            assertThat(task[5]).as("stageAttemptNumber").isZero();
        }
        assertThat(seen.stream().map(task -> task[4]).distinct().count())
                .as("one stage")
                .isEqualTo(1);
    }

    @Test
    void stagesOfAJobHaveDistinctIdsKnownToTheStatusTracker() {
        String group = "task-context-stages";
        CollectionAccumulator<Integer> mapStages = ctx.collectionAccumulator();
        ctx.setJobGroup(group, "stage ids", false);
        List<Integer> resultStages;
        try {
            resultStages = ctx.parallelize(integers(20), 2)
                    .mapToPair(x -> {
                        mapStages.add(TaskContext.get().stageId());
                        return Pair.of(x % 3, x);
                    })
                    .reduceByKey(Integer::sum, 2)
                    .mapPartitions(
                            values -> List.of(TaskContext.get().stageId()).iterator())
                    .collect();
        } finally {
            ctx.clearJobGroup();
        }
        Set<Integer> mapStageIds = Set.copyOf(mapStages.value());
        Set<Integer> resultStageIds = Set.copyOf(resultStages);
        assertThat(mapStageIds).hasSize(1);
        assertThat(resultStageIds).hasSize(1);
        assertThat(mapStageIds).doesNotContainAnyElementsOf(resultStageIds);

        awaitCondition(
                "the job of group " + group + " is known",
                () -> ctx.statusTracker().getJobIdsForGroup(group).size() == 1);
        int jobId = ctx.statusTracker().getJobIdsForGroup(group).get(0);
        awaitCondition("job " + jobId + " has finished", () -> ctx.statusTracker()
                .getJobInfo(jobId)
                .map(info -> info.status().equals("SUCCEEDED"))
                .orElse(false));
        EmberJobInfo job = ctx.statusTracker().getJobInfo(jobId).orElseThrow();
        assertThat(job.jobGroup()).isEqualTo(group);
        assertThat(job.stageIds()).containsAll(mapStageIds).containsAll(resultStageIds);
    }

    @Test
    void localPropertiesReachTasks() {
        ctx.setLocalProperty("test.color", "green");
        try {
            List<String> seen = ctx.parallelize(integers(4), 2)
                    .map(x -> TaskContext.get().getLocalProperty("test.color"))
                    .collect();
            assertThat(seen).containsOnly("green").hasSize(4);
        } finally {
            ctx.setLocalProperty("test.color", null);
        }
        assertThat(ctx.getLocalProperty("test.color")).isNull();
    }

    @Test
    void completionListenersRunOncePerTask() {
        LongAccumulator completed = ctx.longAccumulator("completed");
        int partitions = 4;
        long count = ctx.parallelize(integers(40), partitions)
                .mapPartitions(values -> {
                    TaskContext.get().addTaskCompletionListener(task -> completed.add(1));
                    return values;
                })
                .count();
        assertThat(count).isEqualTo(40);
        assertThat(completed.value()).isEqualTo(partitions);
    }

    // ---- running jobs directly ----

    @Test
    void runJobReturnsOneResultPerPartitionInOrder() {
        RDD<Integer> rdd = ctx.parallelize(integers(30), 4);
        List<Integer> sizes = ctx.runJob(rdd, (task, values) -> {
            int size = 0;
            while (values.hasNext()) {
                values.next();
                size++;
            }
            return size;
        });
        assertThat(sizes)
                .isEqualTo(rdd.glom().collect().stream().map(List::size).toList());

        List<Integer> partitionIds = ctx.runJob(rdd, (task, values) -> task.partitionId(), new int[] {3, 0, 2});
        assertThat(partitionIds).containsExactly(3, 0, 2);

        List<String> handled = new ArrayList<>();
        ctx.<Integer, String>runJob(
                rdd,
                (task, values) -> task.partitionId() + ":" + values.next(),
                new int[] {1, 2},
                (index, result) -> handled.add(index + "=" + result));
        List<List<Integer>> partitions = rdd.glom().collect();
        assertThat(handled)
                .containsExactlyInAnyOrder(
                        "0=1:" + partitions.get(1).get(0),
                        "1=2:" + partitions.get(2).get(0));
        assertThat(ctx.runJob(rdd, (task, values) -> 1, new int[0])).isEmpty();
    }

    @Test
    void runJobRejectsPartitionsOutOfRange() {
        RDD<Integer> rdd = ctx.parallelize(integers(3), 2);
        EmberException error = emberError(() -> ctx.runJob(rdd, (task, values) -> 1, new int[] {2}));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(emberError(() -> ctx.runJob(rdd, (task, values) -> 1, new int[] {-1}))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void submitJobBuildsItsResultWhenAllPartitionsAreDone() throws Exception {
        RDD<Integer> rdd = ctx.parallelize(integers(40), 5);
        long[] total = new long[1];
        JobFuture<Long> future = ctx.submitJob(
                rdd,
                (task, values) -> {
                    long sum = 0;
                    while (values.hasNext()) {
                        sum += values.next();
                    }
                    return sum;
                },
                new int[] {0, 1, 2, 3, 4},
                (index, sum) -> total[0] += sum,
                () -> total[0]);
        assertThat(future.get())
                .isEqualTo(integers(40).stream().mapToLong(Integer::longValue).sum());
        assertThat(future.isDone()).isTrue();
    }

    // ---- the context itself ----

    @Test
    void contextDescribesItself() {
        assertThat(ctx.master()).isEqualTo(master());
        assertThat(ctx.appName()).isEqualTo(getClass().getSimpleName());
        assertThat(ctx.isStopped()).isFalse();
        assertThat(EmberContext.getActive()).containsSame(ctx);
        assertThat(EmberContext.getOrCreate(conf())).isSameAs(ctx);
        assertThat(ctx.defaultParallelism()).isPositive();
    }

    @Test
    void contextConfigurationIsACopy() {
        EmberConf copy = ctx.conf();
        copy.set("ember.test.setting", "changed");
        assertThat(ctx.conf().contains("ember.test.setting")).isFalse();
        assertThat(copy.get("ember.master")).isEqualTo(master());
        assertThat(ctx.defaultMinPartitions()).isEqualTo(Math.min(ctx.defaultParallelism(), 2));
        assertThat(ctx.applicationId()).isNotBlank();
        assertThat(ctx.startTime()).isPositive().isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void aSecondContextIsRefused() {
        EmberException error = emberError(() -> new EmberContext(conf()));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.CONTEXT_ALREADY_ACTIVE);
        // Names where the active one was created, in the user's code, not an internal method ("claim at").
        assertThat(error.getMessage())
                .containsPattern("was created at [A-Za-z]+\\.java:[0-9]+\\.")
                .doesNotContain("claim");
        assertThat(ctx.parallelize(integers(3), 1).count())
                .as("the active context still works")
                .isEqualTo(3);
    }

    @Test
    void checkpointWithoutDirectoryIsRefused() {
        RDD<Integer> rdd = ctx.parallelize(integers(3), 1);
        EmberException error = emberError(rdd::checkpoint);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.CHECKPOINT_FAILED);
        assertThat(error.getMessage()).contains("setCheckpointDir");
        assertThat(rdd.isCheckpointed()).isFalse();
    }

    @Test
    void distinctIdsAcrossManyRdds() {
        List<Integer> ids = IntStream.range(0, 20)
                .mapToObj(i -> ctx.parallelize(List.of(i), 1).id())
                .toList();
        assertThat(ids.stream().collect(Collectors.toSet())).hasSize(20);
    }
}
