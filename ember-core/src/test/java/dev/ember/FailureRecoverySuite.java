package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task attempts that fail half-way through writing something (shuffle output, a cached block, output files, a
 * checkpoint) leave no trace: the retried attempt's output is the only one seen. Jobs cancelled or interrupted
 * mid-way leave the context able to run them again.
 */
public abstract class FailureRecoverySuite extends RddConformanceSuite {
    private static final List<Integer> DATA = integers(400);

    /** Tasks of blocked jobs wait on this; opened after each test. */
    /** Where each test's gate is made (see {@link TaskGate}); deleted with the suite. */
    @TempDir
    Path gates;

    /** The current test's gate, which its blocked tasks wait behind. */
    private String gate;

    @BeforeEach
    void closeTheGate(TestInfo test) {
        gate = gates.resolve(test.getDisplayName().replaceAll("[^A-Za-z0-9]", "_") + "-open")
                .toString();
    }

    @AfterEach
    void openTheGate() throws IOException {
        TaskGate.open(gate);
    }

    /** Passes values through, failing the first attempt of partition 1 half-way through it. */
    private static RDD<Integer> failingOnceHalfway(RDD<Integer> rdd) {
        return rdd.mapPartitionsWithIndex(
                (index, values) -> {
                    int attempt = TaskContext.get().attemptNumber();
                    List<Integer> seen = new ArrayList<>();
                    return new java.util.Iterator<Integer>() {
                        @Override
                        public boolean hasNext() {
                            return values.hasNext();
                        }

                        @Override
                        public Integer next() {
                            Integer value = values.next();
                            seen.add(value);
                            if (index == 1 && attempt == 0 && seen.size() == 50) {
                                throw new IllegalStateException("first attempt fails half-way");
                            }
                            return value;
                        }
                    };
                },
                false);
    }

    @Test
    void aMapTaskFailingHalfwayContributesOnlyItsRetry() {
        Map<Integer, Long> counts = PairRDD.of(
                        failingOnceHalfway(ctx.parallelize(DATA, 4)).map(x -> Pair.of(x % 7, 1L)))
                .reduceByKey(Long::sum, 3)
                .collectAsMap();
        assertThat(counts).isEqualTo(DATA.stream().collect(Collectors.groupingBy(x -> x % 7, Collectors.counting())));
        List<Integer> grouped =
                failingOnceHalfway(ctx.parallelize(DATA, 4)).repartition(3).collect();
        assertThat(grouped).containsExactlyInAnyOrderElementsOf(DATA);
    }

    @Test
    void aCachingTaskFailingHalfwayCachesNothingPartial() {
        for (StorageLevel level : List.of(StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_AND_DISK_SER)) {
            RDD<Integer> cached = failingOnceHalfway(ctx.parallelize(DATA, 4)).persist(level);
            assertThat(cached.collect()).isEqualTo(DATA);
            assertThat(cached.collect()).as("read from the cache").isEqualTo(DATA);
            assertThat(cached.count()).isEqualTo(DATA.size());
            cached.unpersist();
        }
    }

    @Test
    void anOutputTaskFailingHalfwayLeavesOnlyTheCommittedFile(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("out");
        failingOnceHalfway(ctx.parallelize(DATA, 4)).saveAsTextFile(output.toString());
        try (Stream<Path> files = Files.walk(output)) {
            assertThat(files.map(file -> output.relativize(file).toString())
                            .filter(name -> !name.isEmpty())
                            .sorted()
                            .toList())
                    .containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002", "part-00003");
        }
        assertThat(Files.readAllLines(output.resolve("part-00001"), StandardCharsets.UTF_8))
                .isEqualTo(DATA.subList(100, 200).stream().map(String::valueOf).toList());
        assertThat(ctx.textFile(output.toString()).map(Integer::parseInt).collect())
                .isEqualTo(DATA);
    }

    @Test
    void aCheckpointTaskFailingHalfwayWritesOneCompleteFile(@TempDir Path directory) {
        ctx.setCheckpointDir(directory.toString());
        RDD<Integer> rdd = failingOnceHalfway(ctx.parallelize(DATA, 4));
        rdd.checkpoint();
        assertThat(rdd.count()).isEqualTo(DATA.size());
        assertThat(rdd.isCheckpointed()).isTrue();
        assertThat(rdd.collect()).isEqualTo(DATA);
    }

    @Test
    void aJobCancelledDuringItsMapStageRunsAgainCorrectly() throws IOException {
        String group = "cancel-map-stage";
        String gate = this.gate;
        LongAccumulator mapped = ctx.longAccumulator();
        PairRDD<Integer, Integer> reduced = ctx.parallelize(DATA, 4)
                .mapPartitionsWithIndex(
                        (index, values) -> {
                            if (index == 3 && TaskContext.get().stageAttemptNumber() == 0) {
                                TaskGate.await(gate, WAIT.multipliedBy(2));
                            }
                            return values;
                        },
                        false)
                .mapToPair(x -> {
                    mapped.add(1);
                    return Pair.of(x % 5, x);
                })
                .reduceByKey(Integer::sum, 2);
        ctx.setJobGroup(group, "blocks in its map stage", true);
        JobFuture<List<Pair<Integer, Integer>>> future;
        try {
            future = reduced.collectAsync();
        } finally {
            ctx.clearJobGroup();
        }
        StatusTracker tracker = ctx.statusTracker();
        awaitCondition("three map tasks finished", () -> tracker.getJobIdsForGroup(group).stream()
                .flatMap(jobId -> tracker.getJobInfo(jobId).stream())
                .flatMap(job -> job.stageIds().stream())
                .flatMap(stageId -> tracker.getStageInfo(stageId).stream())
                .anyMatch(stage -> stage.numCompletedTasks() == 3 && stage.numActiveTasks() == 1));
        ctx.cancelJobGroup(group);
        assertThat(emberError(future::get).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        TaskGate.open(gate);

        Map<Integer, Integer> expected = DATA.stream().collect(Collectors.toMap(x -> x % 5, x -> x, Integer::sum));
        assertThat(reduced.collectAsMap()).isEqualTo(expected);
        assertThat(reduced.collectAsMap()).isEqualTo(expected);
        assertThat(mapped.value())
                .as("the map outputs finished before the cancel are reused")
                .isEqualTo(DATA.size());
    }

    @Test
    void interruptingTheWaitingThreadCancelsItsJob() throws Exception {
        String group = "interrupted-wait";
        String gate = this.gate;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = ThreadUtils.newThread("waiting-for-a-job", true, () -> {
            ctx.setJobGroup(group, "waits forever", true);
            try {
                ctx.parallelize(integers(4), 2)
                        .map(x -> {
                            TaskGate.await(gate, WAIT.multipliedBy(2));
                            return x;
                        })
                        .collect();
            } catch (Throwable error) {
                thrown.set(error);
            }
        });
        waiter.start();
        StatusTracker tracker = ctx.statusTracker();
        awaitCondition("the job runs", () -> tracker.getJobIdsForGroup(group).stream()
                .flatMap(jobId -> tracker.getJobInfo(jobId).stream())
                .anyMatch(job -> job.status().equals("RUNNING")));
        waiter.interrupt();
        assertThat(ThreadUtils.join(waiter, WAIT))
                .as("the waiting thread returned")
                .isTrue();
        assertThat(thrown.get()).isInstanceOf(EmberException.class);
        assertThat(((EmberException) thrown.get()).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        int jobId = tracker.getJobIdsForGroup(group).get(0);
        awaitCondition("the job is marked failed", () -> tracker.getJobInfo(jobId)
                .map(job -> job.status().equals("FAILED"))
                .orElse(false));
        assertThat(ctx.parallelize(integers(4), 2).count()).isEqualTo(4);
    }
}
