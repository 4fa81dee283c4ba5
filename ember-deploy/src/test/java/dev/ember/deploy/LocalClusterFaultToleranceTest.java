package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.PairRDD;
import dev.ember.internal.ContextInternals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Executors and workers dying in the middle of multi-stage jobs on a local cluster, with real processes killed by
 * signal: every job still returns the right answer, and the cluster replaces what it lost.
 */
class LocalClusterFaultToleranceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmberContext ctx;

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private EmberContext start(String master) {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster(master)
                .setAppName(getClass().getSimpleName())
                // A lost executor's tasks are retried; several kills in one job must not exhaust the attempts.
                .set("ember.task.maxFailures", "8"));
        return ctx;
    }

    private static LocalCluster cluster(EmberContext ctx) {
        return ((StandaloneSchedulerBackend) ContextInternals.schedulerBackend(ctx)).localCluster();
    }

    /** Three stages: two shuffles, each reading map outputs spread over both executors. */
    private static Map<Integer, Long> runJob(EmberContext ctx) {
        List<Integer> data = IntStream.range(0, 200_000).boxed().toList();
        PairRDD<Integer, Long> counts = ctx.parallelize(data, 8)
                .mapToPair(x -> new dev.ember.Pair<>(x % 1000, 1L))
                .reduceByKey(Long::sum, 4)
                .mapToPair(pair -> new dev.ember.Pair<>(pair.key() % 10, pair.value()))
                .reduceByKey(Long::sum, 3);
        return new TreeMap<>(counts.collectAsMap());
    }

    private static Map<Integer, Long> expected() {
        return new TreeMap<>(IntStream.range(0, 200_000)
                .boxed()
                .collect(Collectors.groupingBy(x -> (x % 1000) % 10, Collectors.counting())));
    }

    @Test
    void jobsSurviveAnExecutorKilledAtDifferentPoints() {
        start("local-cluster[2,1,1024]");
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        Map<Integer, Long> expected = expected();
        assertThat(runJob(ctx)).isEqualTo(expected);

        for (int round = 0; round < 6; round++) {
            // The kill lands after a different number of finished tasks each round: early in the first stage,
            // between stages, and while the last stage reads the outputs of the lost executor.
            int killAfter = 1 + round * 3;
            Worker victim = cluster.workers().get(round % 2);
            AtomicBoolean killed = new AtomicBoolean();
            events.resetTaskCount();
            events.onTaskEnd(count -> {
                if (count >= killAfter && killed.compareAndSet(false, true)) {
                    victim.executorPids()
                            .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                }
            });
            assertThat(runJob(ctx))
                    .as("round %d, killed after %d task(s)", round, killAfter)
                    .isEqualTo(expected);
            events.onTaskEnd(count -> {});
            // The worker reports the death and the master starts a replacement, which registers.
            events.await(WAIT, "two executors are registered again", () -> events.executorCount() == 2);
            if (killed.get()) {
                assertThat(events.removed()).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(events.removed()).as("executors lost over all rounds").isGreaterThanOrEqualTo(1);
    }

    @Test
    void jobsFinishOnTheRemainingWorkerWhenOneIsLost() {
        start("local-cluster[2,1,1024]");
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        Map<Integer, Long> expected = expected();
        AtomicBoolean stopped = new AtomicBoolean();
        Worker lost = cluster.workers().get(0);
        events.onTaskEnd(count -> {
            if (count >= 4 && stopped.compareAndSet(false, true)) {
                // Closing a worker ends its executors and its connection to the master, as a dead host would.
                dev.ember.util.ThreadUtils.newThread("stop-worker", true, lost::close)
                        .start();
            }
        });
        assertThat(runJob(ctx)).isEqualTo(expected);
        events.onTaskEnd(count -> {});
        events.await(WAIT, "the lost worker's executor is removed", () -> events.executorCount() == 1);
        DeployMessages.MasterState state = cluster.master().state(WAIT);
        assertThat(state.workers())
                .extracting(DeployMessages.WorkerSummary::state)
                .containsExactlyInAnyOrder("ALIVE", "DEAD");
        // And the application keeps working on what is left.
        assertThat(runJob(ctx)).isEqualTo(expected);
    }

    @Test
    void aReplicatedCachedPartitionSurvivesTheLossOfItsExecutor() {
        start("local-cluster[2,1,1024]");
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        dev.ember.LongAccumulator computed = ctx.longAccumulator("computed");
        dev.ember.RDD<Integer> cached = ctx.parallelize(
                        IntStream.range(0, 4000).boxed().toList(), 4)
                .map(x -> {
                    computed.add(1);
                    return x + 1;
                })
                .persist(dev.ember.StorageLevel.MEMORY_ONLY_2);
        assertThat(cached.count()).isEqualTo(4000);
        String prefix = "rdd_" + cached.id() + "_";
        events.await(WAIT, "every partition is cached on both executors", () -> events.cachedCopies(prefix) == 8);

        // One executor dies with its copies; the other holds a replica of every partition.
        cluster.workers().get(0).executorPids().forEach(pid -> ProcessHandle.of(pid)
                .ifPresent(ProcessHandle::destroyForcibly));
        events.await(WAIT, "the killed executor is removed", () -> events.removed() == 1);

        assertThat(cached.reduce(Integer::sum))
                .isEqualTo(IntStream.rangeClosed(1, 4000).sum());
        assertThat(computed.value()).as("no partition was computed again").isEqualTo(4000);
    }
}
