package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.TaskEndReason;
import dev.ember.internal.ContextInternals;
import dev.ember.rdd.ShuffledRDD;
import dev.ember.shuffle.SortShuffleManager;
import dev.ember.storage.BlockId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Failures injected into running jobs: every job still returns the right answer, recomputing only what was lost. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureInjectionTest {
    private EmberContext ctx;
    private final EventCollector events = new EventCollector();
    private final List<Integer> data = IntStream.range(0, 100).boxed().toList();

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("failure-injection"));
        ctx.addListener(events);
    }

    @AfterAll
    void stop() {
        List<Path> localDirs = ctx.env().diskBlockManager().localDirs();
        ctx.stop();
        assertThat(localDirs).as("stop removes every local directory").allSatisfy(dir -> assertThat(dir)
                .doesNotExist());
    }

    @BeforeEach
    void clearEvents() {
        events.clear(ctx);
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedAndItsAdditionsCountOnce() {
        LongAccumulator processed = ctx.longAccumulator("processed");
        ctx.parallelize(data, 4).foreach(value -> {
            processed.add(1);
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 1 && task.attemptNumber() == 0 && value == 49) {
                throw new IllegalStateException("injected failure in the first attempt");
            }
        });
        assertThat(processed.value())
                .as("the failed attempt's 25 additions are dropped")
                .isEqualTo(100L);
        List<EmberListenerEvent.TaskEnd> ends = events.events(ctx, EmberListenerEvent.TaskEnd.class);
        assertThat(ends)
                .filteredOn(end -> end.reason() instanceof TaskEndReason.ExceptionFailure)
                .hasSize(1);
        assertThat(ends)
                .filteredOn(end -> end.reason() instanceof TaskEndReason.Success)
                .hasSize(4);
    }

    @Test
    void aLostCachedBlockIsRecomputedFromLineageAndOnlyIt() {
        for (StorageLevel level :
                List.of(StorageLevel.MEMORY_ONLY, StorageLevel.DISK_ONLY, StorageLevel.MEMORY_AND_DISK_SER)) {
            LongAccumulator computed = ctx.longAccumulator();
            RDD<Integer> cached = ctx.parallelize(data, 4)
                    .map(value -> {
                        computed.add(1);
                        return value * 2;
                    })
                    .persist(level);
            long expectedSum = data.stream().mapToLong(value -> value * 2L).sum();
            assertThat(cached.reduce(Integer::sum)).isEqualTo((int) expectedSum);
            assertThat(computed.value()).isEqualTo((long) data.size());

            BlockId lost = new BlockId.RddBlockId(cached.id(), 2);
            if (level.useMemory()) {
                ctx.env().blockManager().memoryStore().remove(lost);
            }
            File onDisk = ctx.env().diskBlockManager().getFile(lost);
            if (onDisk.exists()) {
                assertThat(onDisk.delete()).isTrue();
            }
            assertThat(cached.reduce(Integer::sum)).as(level.description()).isEqualTo((int) expectedSum);
            // parallelize gives partition i of n the elements [size * i / n, size * (i + 1) / n).
            long partitionTwo = data.size() * 3 / 4 - data.size() * 2 / 4;
            assertThat(computed.value())
                    .as("only partition 2 is recomputed at %s", level.description())
                    .isEqualTo(data.size() + partitionTwo);
            assertThat(cached.reduce(Integer::sum)).isEqualTo((int) expectedSum);
            assertThat(computed.value())
                    .as("the recomputed block is cached again")
                    .isEqualTo(data.size() + partitionTwo);
            cached.unpersist();
        }
    }

    @Test
    void aLostShuffleOutputIsRecomputedForTheMissingMapPartitionOnly() throws IOException {
        PairRDD<Integer, Integer> counts = ctx.parallelize(data, 4)
                .mapToPair(value -> Pair.of(value % 10, 1))
                .reduceByKey(Integer::sum, 3);
        Map<Integer, Integer> expected =
                data.stream().collect(Collectors.groupingBy(value -> value % 10, Collectors.summingInt(value -> 1)));
        assertThat(counts.collectAsMap()).isEqualTo(expected);

        ShuffledRDD<?, ?, ?> shuffled =
                (ShuffledRDD<?, ?, ?>) counts.dependencies().get(0).rdd();
        int shuffleId = shuffled.shuffleDependency().shuffleId();
        SortShuffleManager shuffleManager = ctx.env().shuffleManager();
        Set<Long> mapIds = shuffleManager.mapIds(shuffleId);
        assertThat(mapIds).hasSize(4);
        long victim = mapIds.iterator().next();
        Files.delete(shuffleManager.resolver().dataFile(shuffleId, victim).toPath());
        events.clear(ctx);

        assertThat(counts.collectAsMap()).isEqualTo(expected);

        List<EmberListenerEvent.TaskEnd> ends = events.events(ctx, EmberListenerEvent.TaskEnd.class);
        assertThat(ends)
                .filteredOn(end -> end.reason() instanceof TaskEndReason.FetchFailed)
                .isNotEmpty();
        List<EmberListenerEvent.StageSubmitted> submitted = events.events(ctx, EmberListenerEvent.StageSubmitted.class);
        assertThat(submitted)
                .as("the map stage runs again for the one lost output")
                .anySatisfy(stage -> {
                    assertThat(stage.stageInfo().isShuffleMap()).isTrue();
                    assertThat(stage.stageInfo().numTasks()).isEqualTo(1);
                });
        assertThat(events.events(ctx, EmberListenerEvent.JobEnd.class))
                .singleElement()
                .satisfies(end -> assertThat(end.result()).isInstanceOf(dev.ember.events.JobResult.JobSucceeded.class));
    }

    @Test
    void shuffleFilesAreDeletedOnceTheShuffleIsNoLongerReferenced() throws Exception {
        BlockingQueue<Integer> cleanedIds = new LinkedBlockingQueue<>();
        ctx.components().cleaner().onShuffleCleaned(cleanedIds::add);
        int shuffleId = runShuffleAndForgetIt();
        SortShuffleManager shuffleManager = ctx.env().shuffleManager();
        assertThat(shuffleManager.mapIds(shuffleId)).isNotEmpty();
        // Only a garbage collection tells the cleaner the shuffle is unreachable: collect until it says it cleaned.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean cleaned = false;
        while (!cleaned && System.nanoTime() < deadline) {
            System.gc();
            Integer id = cleanedIds.poll(200, TimeUnit.MILLISECONDS);
            cleaned = id != null && id == shuffleId;
        }
        assertThat(cleaned)
                .as("the cleaner reported shuffle " + shuffleId + " cleaned")
                .isTrue();
        assertThat(shuffleManager.mapIds(shuffleId))
                .as("the cleaner removed the shuffle")
                .isEmpty();
        assertThat(ContextInternals.mapOutputTracker(ctx).containsShuffle(shuffleId))
                .isFalse();
        assertThat(fileNamesUnder(ctx.env().diskBlockManager().localDirs().get(0)))
                .noneMatch(name -> name.startsWith("shuffle_" + shuffleId + "_"));
    }

    /**
     * The names of the files under {@code root}. The cleaner may be deleting other blocks meanwhile (broadcast
     * pieces, other shuffles), so a file or directory that vanishes during the walk is skipped, not an error.
     */
    private static List<String> fileNamesUnder(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                names.add(file.getFileName().toString());
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return names;
    }

    private int runShuffleAndForgetIt() {
        PairRDD<Integer, Integer> counts = ctx.parallelize(data, 3)
                .mapToPair(value -> Pair.of(value % 7, value))
                .reduceByKey(Integer::sum);
        assertThat(counts.count()).isEqualTo(7);
        ShuffledRDD<?, ?, ?> shuffled =
                (ShuffledRDD<?, ?, ?>) counts.dependencies().get(0).rdd();
        return shuffled.shuffleDependency().shuffleId();
    }

    @Test
    void theContextStaysUsableAfterAFailedJob() {
        List<Integer> failing = new ArrayList<>(data);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.parallelize(failing, 2)
                        .map(value -> 10 / (value - value))
                        .count())
                .isInstanceOf(EmberException.class)
                .satisfies(error ->
                        assertThat(((EmberException) error).errorClass()).isEqualTo(ErrorClass.JOB_ABORTED))
                .hasRootCauseInstanceOf(ArithmeticException.class);
        assertThat(ctx.parallelize(data, 2).count()).isEqualTo(100);
    }
}
