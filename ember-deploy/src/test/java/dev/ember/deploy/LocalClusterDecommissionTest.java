package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Dependency;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.LongAccumulator;
import dev.ember.PairRDD;
import dev.ember.PairShuffleDependency;
import dev.ember.RDD;
import dev.ember.internal.ContextInternals;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.RpcBlockTransferService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Decommissioning a worker: its executor hands its map outputs and cached partitions to the other worker's executor
 * before it exits, so that later jobs neither recompute them nor fail; the worker then leaves the cluster.
 */
class LocalClusterDecommissionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ROWS = 20_000;

    private EmberContext ctx;

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private EmberContext start(Map<String, String> settings) {
        EmberConf conf = new EmberConf(false)
                .setMaster("local-cluster[2,1,1024]")
                .setAppName(getClass().getSimpleName());
        settings.forEach(conf::set);
        ctx = new EmberContext(conf);
        return ctx;
    }

    private static LocalCluster cluster(EmberContext ctx) {
        return ((StandaloneSchedulerBackend) ContextInternals.schedulerBackend(ctx)).localCluster();
    }

    private static int shuffleIdOf(RDD<?> rdd) {
        for (Dependency<?> dependency : rdd.dependencies()) {
            if (dependency instanceof PairShuffleDependency<?, ?, ?> shuffle) {
                return shuffle.shuffleId();
            }
            return shuffleIdOf(dependency.rdd());
        }
        throw new AssertionError("no shuffle under " + rdd);
    }

    private static Map<Integer, Long> expected() {
        return new TreeMap<>(
                IntStream.range(0, ROWS).boxed().collect(Collectors.groupingBy(x -> x % 100, Collectors.counting())));
    }

    /** Counts of {@code 0 until ROWS} by {@code x % 100}, over 6 map partitions that count the rows they map. */
    private PairRDD<Integer, Long> countsBy100(LongAccumulator mapped) {
        return ctx.parallelize(IntStream.range(0, ROWS).boxed().toList(), 6)
                .mapToPair(x -> {
                    mapped.add(1);
                    return new dev.ember.Pair<>(x % 100, 1L);
                })
                .reduceByKey(Long::sum, 3);
    }

    /** Which executors hold the map outputs of a shuffle, by map partition. */
    private List<String> outputHolders(int shuffleId) {
        MapOutputTrackerMaster tracker = ContextInternals.mapOutputTracker(ctx);
        return Arrays.stream(tracker.mapStatuses(shuffleId))
                .map(status -> status == null ? "missing" : status.location().executorId())
                .toList();
    }

    /** The worker running the application's executor {@code executorId}. */
    static Worker workerOf(LocalCluster cluster, String executorId) {
        return cluster.workers().stream()
                .filter(worker -> worker.executorKeys().stream().anyMatch(key -> key.endsWith("/" + executorId)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker runs executor " + executorId));
    }

    /** Rows in map partition {@code index} of {@code parallelize(0 until ROWS, slices)}. */
    private static long rowsOf(int index, int slices) {
        return (long) (index + 1) * ROWS / slices - (long) index * ROWS / slices;
    }

    @Test
    void mapOutputsAndCachedPartitionsMoveToTheRemainingExecutor() throws Exception {
        start(Map.of());
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        LongAccumulator mapped = ctx.longAccumulator("mapped");
        LongAccumulator computed = ctx.longAccumulator("computed");

        RDD<Integer> cached = ctx.parallelize(IntStream.range(0, ROWS).boxed().toList(), 4)
                .map(x -> {
                    computed.add(1);
                    return x * 2;
                })
                .cache();
        assertThat(cached.count()).isEqualTo(ROWS);
        PairRDD<Integer, Long> counts = countsBy100(mapped);
        assertThat(new TreeMap<>(counts.collectAsMap())).isEqualTo(expected());
        int shuffleId = shuffleIdOf(counts);
        assertThat(outputHolders(shuffleId)).as("map outputs on both executors").contains("0", "1");
        events.await(WAIT, "cached partitions are on both executors", () -> events.cachedCopies("rdd_") == 4);

        Worker leaving = workerOf(cluster, "0");
        assertThat(cluster.master().decommission(List.of(leaving.workerId()), WAIT))
                .containsExactly(leaving.workerId());
        leaving.terminated().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.await(WAIT, "executor 0 is removed", () -> events.executorCount() == 1);

        assertThat(outputHolders(shuffleId))
                .as("every map output now on the remaining executor")
                .containsOnly("1");
        assertThat(cluster.master().state(WAIT).workers())
                .extracting(DeployMessages.WorkerSummary::workerId, DeployMessages.WorkerSummary::state)
                .contains(org.assertj.core.groups.Tuple.tuple(leaving.workerId(), "DECOMMISSIONED"));

        // Later jobs read the moved outputs and copied partitions: nothing is computed again.
        assertThat(new TreeMap<>(counts.collectAsMap())).isEqualTo(expected());
        assertThat(mapped.value()).as("map tasks run again").isEqualTo(ROWS);
        assertThat(cached.map(x -> x + 1).reduce(Integer::sum))
                .isEqualTo(IntStream.range(0, ROWS).map(x -> x * 2 + 1).sum());
        assertThat(computed.value()).as("cached partitions computed again").isEqualTo(ROWS);
    }

    @Test
    void aWorkerToldToStopLeavesAndOutputsItKeptAreRecomputed() throws Exception {
        // Map outputs stay behind: the job after the worker left recomputes them from lineage.
        start(Map.of("ember.storage.decommission.shuffleBlocks.enabled", "false"));
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        LongAccumulator mapped = ctx.longAccumulator("mapped");
        PairRDD<Integer, Long> counts = countsBy100(mapped);
        assertThat(new TreeMap<>(counts.collectAsMap())).isEqualTo(expected());
        int shuffleId = shuffleIdOf(counts);
        List<String> holders = outputHolders(shuffleId);
        long rowsOnLeaving = IntStream.range(0, holders.size())
                .filter(index -> holders.get(index).equals("1"))
                .mapToLong(index -> rowsOf(index, 6))
                .sum();
        assertThat(rowsOnLeaving).isPositive();

        Worker leaving = workerOf(cluster, "1");
        leaving.decommission(); // what SIGTERM does with ember.decommission.enabled
        leaving.terminated().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.await(WAIT, "executor 1 is removed", () -> events.executorCount() == 1);

        assertThat(new TreeMap<>(counts.collectAsMap())).isEqualTo(expected());
        assertThat(mapped.value())
                .as("the map partitions that were on the leaving executor ran again")
                .isEqualTo(ROWS + rowsOnLeaving);
        assertThat(cluster.master().state(WAIT).workers())
                .extracting(DeployMessages.WorkerSummary::state)
                .containsExactlyInAnyOrder("ALIVE", "DECOMMISSIONED");
    }

    @Test
    void aJobRunningWhileAWorkerIsDecommissionedFinishesWithTheRightAnswer() throws Exception {
        start(Map.of());
        LocalCluster cluster = cluster(ctx);
        ClusterEvents events = new ClusterEvents(List.of("0", "1"));
        ctx.addListener(events);
        Worker leaving = workerOf(cluster, "0");
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        events.onTaskEnd(count -> {
            // In the middle of the first of three stages.
            if (count >= 3 && asked.compareAndSet(false, true)) {
                cluster.master().decommission(List.of(leaving.workerId()), WAIT);
            }
        });
        Map<Integer, Long> result = new TreeMap<>(
                ctx.parallelize(IntStream.range(0, 200_000).boxed().toList(), 8)
                        .mapToPair(x -> new dev.ember.Pair<>(x % 1000, 1L))
                        .reduceByKey(Long::sum, 4)
                        .mapToPair(pair -> new dev.ember.Pair<>(pair.key() % 10, pair.value()))
                        .reduceByKey(Long::sum, 3)
                        .collectAsMap());
        events.onTaskEnd(count -> {});

        assertThat(asked).isTrue();
        assertThat(result).hasSize(10).allSatisfy((key, count) -> assertThat(count)
                .isEqualTo(20_000L));
        leaving.terminated().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        events.await(WAIT, "executor 0 is removed", () -> events.executorCount() == 1);
    }

    @Test
    void badDecommissionRequestsAreRefusedWithTheReason() {
        start(Map.of());
        LocalCluster cluster = cluster(ctx);
        assertThatThrownBy(() -> cluster.master().decommission(List.of("no-such-worker"), WAIT))
                .hasMessageContaining("No active worker matches [no-such-worker]")
                .hasMessageContaining(cluster.workers().get(0).workerId());
        assertThatThrownBy(() -> cluster.master().decommission(List.of(), WAIT))
                .hasMessageContaining("Name the workers to decommission");

        // An executor asked to take a map output from a holder that does not have it answers with the reason.
        MapOutputTrackerMaster tracker = ContextInternals.mapOutputTracker(ctx);
        assertThat(ctx.parallelize(List.of(1, 2, 3, 4), 2)
                        .mapToPair(x -> new dev.ember.Pair<>(x % 2, x))
                        .reduceByKey(Integer::sum, 2)
                        .count())
                .isEqualTo(2);
        BlockManagerId executor = Arrays.stream(tracker.mapStatuses(0))
                .filter(Objects::nonNull)
                .map(MapStatus::location)
                .findFirst()
                .orElseThrow();
        try (RpcEnv client = RpcEnv.create(ctx.conf(), "127.0.0.1", "127.0.0.1", 0)
                .register(dev.ember.scheduler.cluster.ClusterWire.MESSAGES)) {
            var blockManager = client.unverifiedRef(
                    new RpcAddress(executor.host(), executor.port()), RpcBlockTransferService.ENDPOINT);
            assertThatThrownBy(() ->
                            blockManager.askSync(new RpcBlockTransferService.TakeMapOutput(0, 987_654, executor), WAIT))
                    .isInstanceOf(EmberException.class)
                    .hasMessageContaining("shuffle_0_987654_0.index");
            assertThatThrownBy(() -> blockManager.askSync(new RpcBlockTransferService.TakeMapOutput(0, 1, null), WAIT))
                    .hasMessageContaining("needs a shuffle and the executor holding it");
            // Moving an output, or listing an executor's outputs, is for that executor only.
            BlockManagerId driver = ContextInternals.env(ctx).blockManager().blockManagerId();
            var outputs = client.unverifiedRef(
                    new RpcAddress(driver.host(), driver.port()),
                    dev.ember.scheduler.cluster.ClusterMessages.MAP_OUTPUT_TRACKER);
            assertThatThrownBy(() -> outputs.askSync(
                            new dev.ember.scheduler.cluster.ClusterMessages.MapOutputMoved(0, 1, executor, executor),
                            WAIT))
                    .hasMessageContaining("Only the executor holding a map output may move it");
            assertThatThrownBy(() -> outputs.askSync(
                            new dev.ember.scheduler.cluster.ClusterMessages.GetMapOutputsAt(executor), WAIT))
                    .hasMessageContaining("only ask for the map outputs it holds");
        }
        // The executors keep serving.
        assertThat(ctx.parallelize(IntStream.range(0, 100).boxed().toList(), 4)
                        .mapToPair(x -> new dev.ember.Pair<>(x % 7, 1))
                        .reduceByKey(Integer::sum, 2)
                        .count())
                .isEqualTo(7);
    }
}
