package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.internal.ContextInternals;
import dev.ember.metrics.TaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@code sortByKey} across two executor processes. Map tasks sort their blocks by key; a reduce task merges the
 * blocks it fetched from both executors when it may hold the remote ones in execution memory, and sorts everything
 * it read (spilling) when it may not. Both must give the same global order.
 */
class LocalClusterSortedShuffleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long RECORDS = 60_000;

    /** The metrics of tasks that read shuffle data. */
    static final class ReduceMetrics implements EmberListener {
        private final List<TaskMetrics> metrics = new ArrayList<>();

        @Override
        public synchronized void onTaskEnd(EmberListenerEvent.TaskEnd event) {
            if (event.metrics() != null && event.metrics().shuffleReadMetrics().recordsRead() > 0) {
                metrics.add(event.metrics());
            }
        }

        synchronized List<TaskMetrics> all() {
            return List.copyOf(metrics);
        }
    }

    /** A key that no two records share, and a value that compresses poorly, both from the record's number. */
    private static Pair<Long, String> record(long i) {
        long key = i * 7919 % 1_000_003;
        StringBuilder value = new StringBuilder();
        long state = i;
        for (int part = 0; part < 6; part++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            value.append(Long.toHexString(state));
        }
        return Pair.of(key, value.toString());
    }

    private static List<Pair<Long, String>> sortedLocally() {
        List<Pair<Long, String>> expected = new ArrayList<>();
        LongStream.range(0, RECORDS).forEach(i -> expected.add(record(i)));
        expected.sort(Comparator.comparing(Pair::key));
        return expected;
    }

    /** Sorts the records on a local cluster with {@code conf}, checks the order, and returns the reduce metrics. */
    private static List<TaskMetrics> sortOnCluster(EmberConf conf) {
        // A sorter starts with this much memory before asking for more: small, so that sorting shows as a spill.
        conf.set("ember.shuffle.spill.initialMemoryThreshold", "64k");
        ReduceMetrics reduces = new ReduceMetrics();
        try (EmberContext ctx = new EmberContext(conf.setMaster("local-cluster[2,1,1024]")
                .setAppName(LocalClusterSortedShuffleTest.class.getSimpleName()))) {
            ctx.addListener(reduces);
            List<Pair<Long, String>> sorted = ctx.range(0, RECORDS, 1, 6)
                    .mapToPair(LocalClusterSortedShuffleTest::record)
                    .sortByKey(true, 2)
                    .collect();
            assertThat(sorted).containsExactlyElementsOf(sortedLocally());
            assertThat(ContextInternals.listenerBus(ctx).waitUntilEmpty(WAIT)).isTrue();
        }
        List<TaskMetrics> metrics = reduces.all();
        assertThat(metrics).as("both reduce tasks reported").hasSize(2);
        assertThat(metrics.stream()
                        .mapToLong(m -> m.shuffleReadMetrics().remoteBytesRead())
                        .sum())
                .as("blocks came from the other executor")
                .isPositive();
        return metrics;
    }

    @Test
    void reduceTasksMergeTheSortedBlocksOfBothExecutors() {
        List<TaskMetrics> reduces = sortOnCluster(new EmberConf(false));
        for (TaskMetrics metrics : reduces) {
            // Map outputs record block sizes to within a tenth: what was held is what the remote blocks measured.
            assertThat(metrics.peakExecutionMemory())
                    .as("the only memory held was for the remote blocks: nothing was buffered to be sorted")
                    .isCloseTo(metrics.shuffleReadMetrics().remoteBytesRead(), withinPercentage(11));
            assertThat(metrics.diskBytesSpilled()).isZero();
        }
    }

    @Test
    void aReduceTaskDeniedTheMemoryForRemoteBlocksSortsWhatItReads() {
        // About 360 KiB of execution memory per executor: less than a reduce task's remote blocks (about 1.4 MB).
        List<TaskMetrics> reduces = sortOnCluster(new EmberConf(false).set("ember.memory.fraction", "0.0005"));
        assertThat(reduces)
                .filteredOn(metrics -> metrics.shuffleReadMetrics().remoteBytesRead() > 0)
                .as("a task that fetched remote blocks buffered its records to sort them")
                .isNotEmpty()
                .allSatisfy(metrics -> assertThat(metrics.diskBytesSpilled()).isPositive());
    }
}
