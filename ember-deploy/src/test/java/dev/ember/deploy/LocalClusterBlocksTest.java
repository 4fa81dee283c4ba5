package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.LongAccumulator;
import dev.ember.RDD;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.TaskInfo;
import dev.ember.metrics.TaskMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Blocks crossing executor processes: shuffle blocks fetched remotely, cached partitions read from another executor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClusterBlocksTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private EmberContext ctx;
    private final Recorder recorder = new Recorder();

    /** Records where RDD blocks were stored and the metrics of finished tasks. */
    static final class Recorder implements EmberListener {
        private final Set<String> executorsWithRddBlocks = new HashSet<>();
        private final List<TaskMetrics> metrics = new ArrayList<>();
        private final List<TaskInfo> tasks = new ArrayList<>();

        @Override
        public synchronized void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
            if (event.blockId().isRdd() && event.status().isCached()) {
                executorsWithRddBlocks.add(event.blockManagerId().executorId());
                notifyAll();
            }
        }

        @Override
        public synchronized void onTaskEnd(EmberListenerEvent.TaskEnd event) {
            if (event.metrics() != null) {
                metrics.add(event.metrics());
            }
            tasks.add(event.taskInfo());
        }

        synchronized void awaitRddBlocksOn(int executors) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (executorsWithRddBlocks.size() < executors) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("cached blocks reported on " + executorsWithRddBlocks);
                }
                wait(left);
            }
        }

        synchronized List<TaskMetrics> metrics() {
            return List.copyOf(metrics);
        }

        synchronized Set<String> taskExecutors() {
            Set<String> executors = new HashSet<>();
            tasks.forEach(task -> executors.add(task.executorId()));
            return executors;
        }
    }

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[2,1,1024]")
                .setAppName(getClass().getSimpleName()));
        ctx.addListener(recorder);
    }

    @AfterAll
    void stop() {
        ctx.stop();
    }

    @Test
    void tasksRunInTwoExecutorProcessesAndShuffleBlocksTravelBetweenThem() {
        long driverPid = ProcessHandle.current().pid();
        List<Long> pids = ctx.parallelize(IntStream.range(0, 8).boxed().toList(), 8)
                .map(ignored -> ProcessHandle.current().pid())
                .distinct()
                .collect();
        assertThat(pids).hasSize(2).doesNotContain(driverPid);

        long before = remoteBytes();
        long distinct = ctx.parallelize(IntStream.range(0, 50_000).boxed().toList(), 6)
                .mapToPair(x -> new dev.ember.Pair<>(x % 977, x))
                .groupByKey(4)
                .count();
        assertThat(distinct).isEqualTo(977);
        assertThat(remoteBytes() - before)
                .as("shuffle bytes fetched from the other executor")
                .isPositive();
        assertThat(recorder.taskExecutors()).containsExactlyInAnyOrder("0", "1");
    }

    private long remoteBytes() {
        dev.ember.internal.ContextInternals.listenerBus(ctx).waitUntilEmpty(WAIT);
        return recorder.metrics().stream()
                .mapToLong(m -> m.shuffleReadMetrics().remoteBytesRead())
                .sum();
    }

    @Test
    void aPartitionCachedOnAnotherExecutorIsFetchedNotRecomputed() throws Exception {
        LongAccumulator computed = ctx.longAccumulator("computed");
        RDD<Integer> cached = ctx.parallelize(IntStream.range(0, 4000).boxed().toList(), 4)
                .map(x -> {
                    computed.add(1);
                    return x * 2;
                })
                .cache();
        assertThat(cached.count()).isEqualTo(4000);
        assertThat(computed.value()).isEqualTo(4000);
        recorder.awaitRddBlocksOn(2);

        // One task reads all four partitions: those cached on the other executor come over the network.
        int sum = cached.coalesce(1).reduce(Integer::sum);

        assertThat(sum).isEqualTo(IntStream.range(0, 4000).map(x -> x * 2).sum());
        assertThat(computed.value()).as("no partition was computed again").isEqualTo(4000);
    }

    @Test
    void broadcastsReachEveryExecutor() {
        var lookup = ctx.broadcast(java.util.Map.of(1, "one", 2, "two"));
        List<String> names = ctx.parallelize(List.of(1, 2, 1, 2, 1, 2), 6)
                .map(x -> lookup.value().get(x))
                .collect();
        assertThat(names).containsExactly("one", "two", "one", "two", "one", "two");
    }
}
