package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListenerEvent;
import dev.ember.metrics.TaskMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Task metrics reported with TaskEnd events add up to what the job read, shuffled and wrote. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskMetricsTest {
    private EmberContext ctx;
    private final EventCollector events = new EventCollector();

    @TempDir
    Path temp;

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("metrics"));
        ctx.addListener(events);
    }

    @AfterAll
    void stop() {
        ctx.stop();
    }

    @BeforeEach
    void clear() {
        events.clear(ctx);
    }

    private List<TaskMetrics> metrics(boolean shuffleMap) {
        List<TaskMetrics> result = new ArrayList<>();
        for (EmberListenerEvent.TaskEnd end : events.events(ctx, EmberListenerEvent.TaskEnd.class)) {
            if (end.taskType().equals("ShuffleMapTask") == shuffleMap && end.metrics() != null) {
                result.add(end.metrics());
            }
        }
        return result;
    }

    @Test
    void inputShuffleAndOutputAreCounted() throws IOException {
        Path input = temp.resolve("numbers.txt");
        List<String> lines =
                IntStream.range(0, 5000).mapToObj(i -> "line " + (i % 100)).toList();
        Files.write(input, lines);
        Path output = temp.resolve("out");

        ctx.textFile(input.toString(), 3)
                .mapToPair(line -> Pair.of(line, 1))
                .reduceByKey(Integer::sum, 4)
                .saveAsTextFile(output.toString());

        List<TaskMetrics> maps = metrics(true);
        List<TaskMetrics> reduces = metrics(false);
        assertThat(maps).hasSize(3);
        assertThat(reduces).hasSize(4);
        assertThat(maps.stream().mapToLong(m -> m.inputMetrics().recordsRead()).sum())
                .isEqualTo(5000);
        assertThat(maps.stream().mapToLong(m -> m.inputMetrics().bytesRead()).sum())
                .isGreaterThanOrEqualTo(Files.size(input));
        long written = maps.stream()
                .mapToLong(m -> m.shuffleWriteMetrics().recordsWritten())
                .sum();
        assertThat(written)
                .as("map-side combine leaves at most 100 keys per map task")
                .isBetween(100L, 300L);
        long shuffleBytes = maps.stream()
                .mapToLong(m -> m.shuffleWriteMetrics().bytesWritten())
                .sum();
        assertThat(shuffleBytes).isPositive();
        assertThat(reduces.stream()
                        .mapToLong(m -> m.shuffleReadMetrics().recordsRead())
                        .sum())
                .isEqualTo(written);
        assertThat(reduces.stream()
                        .mapToLong(m -> m.shuffleReadMetrics().totalBytesRead())
                        .sum())
                .isEqualTo(shuffleBytes);
        assertThat(reduces.stream()
                        .mapToLong(m -> m.outputMetrics().recordsWritten())
                        .sum())
                .isEqualTo(100);
        assertThat(reduces.stream()
                        .mapToLong(m -> m.outputMetrics().bytesWritten())
                        .sum())
                .isPositive();
        assertThat(maps).allSatisfy(m -> assertThat(m.peakExecutionMemory()).isPositive());
        assertThat(reduces).allSatisfy(m -> assertThat(m.resultSize()).isPositive());
    }

    @Test
    void statusTrackerSeesJobsAndStagesEnd() {
        ctx.setJobGroup("tracked", "a tracked job", false);
        try {
            ctx.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x + 1).count();
        } finally {
            ctx.clearJobGroup();
        }
        events.events(ctx, EmberListenerEvent.JobEnd.class);
        StatusTracker tracker = ctx.statusTracker();
        List<Integer> jobs = tracker.getJobIdsForGroup("tracked");
        assertThat(jobs).hasSize(1);
        EmberJobInfo job = tracker.getJobInfo(jobs.get(0)).orElseThrow();
        assertThat(job.status()).isEqualTo("SUCCEEDED");
        EmberStageInfo stage = tracker.getStageInfo(job.stageIds().get(0)).orElseThrow();
        assertThat(stage.numTasks()).isEqualTo(2);
        assertThat(stage.numCompletedTasks()).isEqualTo(2);
        assertThat(stage.status()).isEqualTo("COMPLETE");
        assertThat(tracker.getActiveJobIds()).isEmpty();
    }

    /** Milliseconds this JVM's collectors have spent so far. */
    private static long jvmGcMillis() {
        long total = 0;
        for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    @Test
    void runTimeAndGcTimeCoverWhatTheTasksDid() {
        long start = System.nanoTime();
        long gcBefore = jvmGcMillis();
        // Each task returns the collection time it saw pass while it collected: the least its metric may say,
        // whether or not a collection took a whole millisecond.
        List<Long> seenByTasks = ctx.parallelize(List.of(1, 2), 2)
                .map(x -> {
                    // At least 30 ms of work, and garbage collections the task waits for.
                    long until = System.nanoTime() + 30_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    long before = jvmGcMillis();
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                    }
                    return jvmGcMillis() - before;
                })
                .collect();
        long gcDuringJob = jvmGcMillis() - gcBefore;
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        List<TaskMetrics> tasks = metrics(false);
        assertThat(tasks).hasSize(2).allSatisfy(m -> assertThat(m.executorRunTimeMillis())
                .isBetween(30L, wallMillis));
        // Tasks running side by side in one JVM each count every collection during their run, so each is bounded
        // by what the JVM spent over the job, and the one that saw the most collecting counts at least that.
        assertThat(tasks).allSatisfy(m -> assertThat(m.jvmGcTimeMillis()).isBetween(0L, gcDuringJob));
        assertThat(tasks.stream().mapToLong(TaskMetrics::jvmGcTimeMillis).max().orElseThrow())
                .as("the collections the tasks ran are counted")
                .isGreaterThanOrEqualTo(
                        seenByTasks.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void jobDescriptionTravelsWithTheJob() {
        ctx.setJobDescription("counting four numbers");
        try {
            ctx.parallelize(List.of(1, 2, 3, 4), 2).count();
        } finally {
            ctx.setJobDescription(null);
        }
        ctx.parallelize(List.of(1), 1).count();
        List<EmberListenerEvent.JobStart> starts = events.events(ctx, EmberListenerEvent.JobStart.class);
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).properties().getProperty("ember.job.description"))
                .isEqualTo("counting four numbers");
        assertThat(starts.get(1).properties().getProperty("ember.job.description"))
                .isNull();
    }
}
