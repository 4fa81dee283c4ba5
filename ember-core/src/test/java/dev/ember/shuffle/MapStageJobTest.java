package dev.ember.shuffle;

import static dev.ember.shuffle.LengthPrefixedShuffle.arrays;
import static dev.ember.shuffle.LengthPrefixedShuffle.canonical;
import static dev.ember.shuffle.LengthPrefixedShuffle.exchange;
import static dev.ember.shuffle.LengthPrefixedShuffle.partitionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.BlockShuffleDependency;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EventCollector;
import dev.ember.MapOutputStatistics;
import dev.ember.events.EmberListenerEvent;
import dev.ember.rdd.BlockShuffledRDD;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs that compute one shuffle's map outputs alone, and reads of a shuffle in coalesced and split partitions. */
class MapStageJobTest {
    private EmberContext ctx;
    private final EventCollector events = new EventCollector();

    @BeforeEach
    void start() {
        ctx = new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("map-stage"));
        ctx.addListener(events);
    }

    @AfterEach
    void stop() {
        ctx.stop();
    }

    private static MapOutputStatistics await(dev.ember.JobFuture<MapOutputStatistics> future) throws Exception {
        return future.awaitResult();
    }

    @Test
    void aMapStageJobRunsOnlyTheMapTasksAndReportsTheBytesOfEveryReducePartition() throws Exception {
        List<byte[]> input = arrays(8_000, 3);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 4), 6);
        BlockShuffleDependency<byte[]> dependency = exchanged.shuffleDependency();

        MapOutputStatistics statistics = await(ctx.submitMapStage(dependency));

        assertThat(statistics.shuffleId()).isEqualTo(dependency.shuffleId());
        assertThat(statistics.numMaps()).isEqualTo(4);
        assertThat(statistics.numPartitions()).isEqualTo(6);
        long[] expected = new long[6];
        for (byte[] bytes : input) {
            expected[partitionOf(bytes, 6)] += 4 + bytes.length;
        }
        for (int reducer = 0; reducer < 6; reducer++) {
            // Sizes are kept within 10%, and the map-side shares add up to the partition's.
            assertThat((double) statistics.bytes(reducer))
                    .isBetween(expected[reducer] * 0.85, expected[reducer] * 1.15);
            long sum = 0;
            for (int map = 0; map < 4; map++) {
                sum += statistics.bytes(map, reducer);
            }
            assertThat(sum).isEqualTo(statistics.bytes(reducer));
        }
        // Only the four map tasks ran: no result stage.
        List<EmberListenerEvent.TaskEnd> tasks = events.events(ctx, EmberListenerEvent.TaskEnd.class);
        assertThat(tasks).hasSize(4).allSatisfy(task -> assertThat(task.taskType())
                .isEqualTo("ShuffleMapTask"));
        assertThat(events.events(ctx, EmberListenerEvent.JobEnd.class)).hasSize(1);

        // A second job over the same shuffle ends at once, with the same statistics, and reading it runs no map task.
        MapOutputStatistics again = await(ctx.submitMapStage(dependency));
        assertThat(again.bytesByPartitionId()).isEqualTo(statistics.bytesByPartitionId());
        assertThat(canonical(exchanged.collect())).isEqualTo(canonical(input));
        assertThat(events.events(ctx, EmberListenerEvent.TaskEnd.class).stream()
                        .filter(task -> task.taskType().equals("ShuffleMapTask")))
                .hasSize(4);
        assertThat(dev.ember.internal.ContextInternals.dagScheduler(ctx).bookkeeping())
                .startsWith("jobs=0 jobIdToStageIds=0 stages=0");
    }

    @Test
    void coalescedAndMapRangeReadsTogetherReadEveryRecordOnce() throws Exception {
        List<byte[]> input = arrays(6_000, 5);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 3), 5);
        BlockShuffleDependency<byte[]> dependency = exchanged.shuffleDependency();
        await(ctx.submitMapStage(dependency));

        // Reduce partitions 0-1 as one, 2 split into its three map outputs, 3-4 as one.
        List<BlockShuffledRDD.ReadSpec> specs = List.of(
                BlockShuffledRDD.ReadSpec.coalesced(3, 0, 2),
                new BlockShuffledRDD.ReadSpec(0, 1, 2, 3),
                new BlockShuffledRDD.ReadSpec(1, 3, 2, 3),
                BlockShuffledRDD.ReadSpec.coalesced(3, 3, 5));
        BlockShuffledRDD<byte[], byte[]> read =
                new BlockShuffledRDD<>(dependency, new LengthPrefixedShuffle.LengthPrefixedReader(), specs);
        assertThat(read.getNumPartitions()).isEqualTo(4);
        List<List<byte[]>> partitions = new ArrayList<>(read.glom().collect());
        for (byte[] bytes : partitions.get(1)) {
            assertThat(partitionOf(bytes, 5)).isEqualTo(2);
        }
        for (byte[] bytes : partitions.get(0)) {
            assertThat(partitionOf(bytes, 5)).isLessThan(2);
        }
        List<byte[]> all = new ArrayList<>();
        partitions.forEach(all::addAll);
        assertThat(canonical(all)).isEqualTo(canonical(input));

        assertThatThrownBy(() -> new BlockShuffledRDD<>(
                        dependency,
                        new LengthPrefixedShuffle.LengthPrefixedReader(),
                        List.of(BlockShuffledRDD.ReadSpec.coalesced(3, 0, 6))))
                .hasMessageContaining("outside shuffle");
    }

    @Test
    void aFailingMapTaskFailsTheMapStageJobAndLeavesNoState() {
        dev.ember.RDD<byte[]> failing = ctx.parallelize(arrays(100, 1), 2).map(bytes -> {
            throw new IllegalStateException("map side broke");
        });
        BlockShuffleDependency<byte[]> dependency =
                new BlockShuffleDependency<>(failing, 3, new LengthPrefixedShuffle.HashWriter());
        assertThatThrownBy(() -> await(ctx.submitMapStage(dependency)))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("map side broke");
        dev.ember.internal.ContextInternals.dagScheduler(ctx).probe(() -> {}, Duration.ofSeconds(10));
        assertThat(dev.ember.internal.ContextInternals.dagScheduler(ctx).bookkeeping())
                .startsWith("jobs=0 jobIdToStageIds=0 stages=0");
    }
}
