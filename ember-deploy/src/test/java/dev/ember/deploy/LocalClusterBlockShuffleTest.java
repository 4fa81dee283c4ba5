package dev.ember.deploy;

import static dev.ember.shuffle.LengthPrefixedShuffle.arrays;
import static dev.ember.shuffle.LengthPrefixedShuffle.canonical;
import static dev.ember.shuffle.LengthPrefixedShuffle.checkedByPartition;
import static dev.ember.shuffle.LengthPrefixedShuffle.exchange;
import static dev.ember.shuffle.LengthPrefixedShuffle.partitions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.LongAccumulator;
import dev.ember.internal.ContextInternals;
import dev.ember.rdd.BlockShuffledRDD;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shuffle's block layer across processes: bytes of the user's own written by executor processes, fetched by
 * others, and recomputed when the executor holding some of them is killed.
 */
class LocalClusterBlockShuffleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmberContext ctx;

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    @Test
    void blocksCrossExecutorsAndALostExecutorsOutputsAreWrittenAgain() {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[2,1,1024]")
                .setAppName("block-shuffle")
                .set("ember.task.maxFailures", "8"));
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        List<byte[]> input = arrays(20_000, 23);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 6), 4);

        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));

        // The first worker's executor dies with the map outputs it wrote: the next read fails to fetch them, and
        // the map stage writes exactly those again on the executor that is left (or its replacement).
        LocalCluster cluster = ((StandaloneSchedulerBackend) ContextInternals.schedulerBackend(ctx)).localCluster();
        cluster.workers().get(0).executorPids().forEach(pid -> ProcessHandle.of(pid)
                .ifPresent(ProcessHandle::destroyForcibly));
        events.await(WAIT, "the killed executor is removed", () -> events.removed() == 1);

        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));
    }

    @Test
    void aDecommissionedExecutorHandsItsBlocksOverAndNothingIsWrittenAgain() throws Exception {
        ctx = new EmberContext(
                new EmberConf(false).setMaster("local-cluster[2,1,1024]").setAppName("block-shuffle"));
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        LongAccumulator mapped = ctx.longAccumulator("mapped");
        List<byte[]> input = arrays(20_000, 29);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(
                ctx.parallelize(input, 6).map(bytes -> {
                    mapped.add(1);
                    return bytes;
                }),
                4);
        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));
        int shuffleId = exchanged.shuffleDependency().shuffleId();
        assertThat(holders(shuffleId)).as("map outputs on both executors").contains("0", "1");

        LocalCluster cluster = ((StandaloneSchedulerBackend) ContextInternals.schedulerBackend(ctx)).localCluster();
        Worker leaving = LocalClusterDecommissionTest.workerOf(cluster, "0");
        assertThat(cluster.master().decommission(List.of(leaving.workerId()), WAIT))
                .containsExactly(leaving.workerId());
        leaving.terminated().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.await(WAIT, "executor 0 is removed", () -> events.executorCount() == 1);

        assertThat(holders(shuffleId))
                .as("every map output now on the remaining executor")
                .containsOnly("1");
        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));
        assertThat(mapped.value())
                .as("records written by map tasks, over both reads")
                .isEqualTo(input.size());
    }

    private List<String> holders(int shuffleId) {
        return Arrays.stream(ContextInternals.mapOutputTracker(ctx).mapStatuses(shuffleId))
                .map(status -> status == null ? "missing" : status.location().executorId())
                .toList();
    }
}
