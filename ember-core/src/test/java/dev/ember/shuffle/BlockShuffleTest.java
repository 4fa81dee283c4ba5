package dev.ember.shuffle;

import static dev.ember.shuffle.LengthPrefixedShuffle.arrays;
import static dev.ember.shuffle.LengthPrefixedShuffle.canonical;
import static dev.ember.shuffle.LengthPrefixedShuffle.checkedByPartition;
import static dev.ember.shuffle.LengthPrefixedShuffle.exchange;
import static dev.ember.shuffle.LengthPrefixedShuffle.partitions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.BlockShuffleDependency;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.EventCollector;
import dev.ember.RDD;
import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.TaskEndReason;
import dev.ember.internal.ContextInternals;
import dev.ember.rdd.BlockShuffledRDD;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shuffle's block layer with a user that writes bytes of its own, in local mode. */
class BlockShuffleTest {
    private EmberContext ctx;
    private final EventCollector events = new EventCollector();

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private EmberContext start(boolean compress) {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local[2]")
                .setAppName("block-shuffle")
                .set("ember.shuffle.compress", Boolean.toString(compress)));
        ctx.addListener(events);
        return ctx;
    }

    @ParameterizedTest(name = "compressed: {0}")
    @ValueSource(booleans = {true, false})
    void bytesWrittenToAPartitionAreReadBackThereAndNowhereElse(boolean compress) {
        start(compress);
        List<byte[]> input = arrays(20_000, 7);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 6), 5);

        List<List<byte[]>> partitions = partitions(exchanged);
        assertThat(partitions).hasSize(5).allSatisfy(partition -> assertThat(partition)
                .isNotEmpty());
        assertThat(canonical(checkedByPartition(partitions))).isEqualTo(canonical(input));
        // Six map outputs, each with a block for every reduce partition, written and read through the same files.
        assertThat(ContextInternals.env(ctx)
                        .shuffleManager()
                        .mapIds(exchanged.shuffleDependency().shuffleId()))
                .hasSize(6);
        assertThat(exchanged.shuffleDependency().handle().writerKind()).isEqualTo(ShuffleHandle.WriterKind.BLOCKS);
        assertThat(exchanged.toDebugString()).contains("BlockShuffledRDD");
    }

    @Test
    void aLostMapOutputIsAFetchFailureAndOnlyItIsWrittenAgain() throws Exception {
        start(true);
        List<byte[]> input = arrays(5_000, 11);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 4), 3);
        assertThat(exchanged.count()).isEqualTo(input.size());

        int shuffleId = exchanged.shuffleDependency().shuffleId();
        SortShuffleManager shuffleManager = ContextInternals.env(ctx).shuffleManager();
        Set<Long> before = shuffleManager.mapIds(shuffleId);
        long victim = before.iterator().next();
        Files.delete(shuffleManager.resolver().dataFile(shuffleId, victim).toPath());
        events.clear(ctx);

        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));
        assertThat(events.events(ctx, EmberListenerEvent.TaskEnd.class))
                .filteredOn(end -> end.reason() instanceof TaskEndReason.FetchFailed)
                .isNotEmpty();
        assertThat(events.events(ctx, EmberListenerEvent.StageSubmitted.class))
                .as("the map stage runs again for the one lost output")
                .anySatisfy(stage -> {
                    assertThat(stage.stageInfo().isShuffleMap()).isTrue();
                    assertThat(stage.stageInfo().numTasks()).isEqualTo(1);
                });
    }

    @Test
    void aTruncatedBlockIsAFetchFailureNotShortData() throws Exception {
        start(false);
        List<byte[]> input = arrays(5_000, 13);
        BlockShuffledRDD<byte[], byte[]> exchanged = exchange(ctx.parallelize(input, 2), 2);
        assertThat(exchanged.count()).isEqualTo(input.size());

        int shuffleId = exchanged.shuffleDependency().shuffleId();
        SortShuffleManager shuffleManager = ContextInternals.env(ctx).shuffleManager();
        long victim = shuffleManager.mapIds(shuffleId).iterator().next();
        try (RandomAccessFile data =
                new RandomAccessFile(shuffleManager.resolver().dataFile(shuffleId, victim), "rw")) {
            data.setLength(data.length() - 3);
        }
        events.clear(ctx);

        assertThat(canonical(checkedByPartition(partitions(exchanged)))).isEqualTo(canonical(input));
        assertThat(events.events(ctx, EmberListenerEvent.TaskEnd.class))
                .filteredOn(end -> end.reason() instanceof TaskEndReason.FetchFailed)
                .isNotEmpty();
    }

    @Test
    void aWriterThatFailsFailsItsTaskAndLeavesNoOutput() {
        start(true);
        RDD<byte[]> source = ctx.parallelize(arrays(100, 17), 2);
        BlockShuffleDependency<byte[]> failing = new BlockShuffleDependency<>(source, 2, (records, partitions) -> {
            partitions.partition(1).write(new byte[] {1, 2, 3});
            throw new IllegalStateException("the writer gave up");
        });
        BlockShuffledRDD<byte[], byte[]> exchanged =
                new BlockShuffledRDD<>(failing, new LengthPrefixedShuffle.LengthPrefixedReader());

        assertThatThrownBy(exchanged::count)
                .isInstanceOf(EmberException.class)
                .hasStackTraceContaining("the writer gave up");
        assertThat(ContextInternals.env(ctx).shuffleManager().mapIds(failing.shuffleId()))
                .allSatisfy(mapId -> assertThat(ContextInternals.env(ctx)
                                .shuffleManager()
                                .resolver()
                                .dataFile(failing.shuffleId(), mapId))
                        .doesNotExist());
        assertThatThrownBy(() -> new BlockShuffleDependency<>(source, 0, (records, partitions) -> {}))
                .hasMessageContaining("at least one reduce partition");
    }

    @Test
    void aPartitionOutsideTheShuffleIsRefusedWithTheRange() {
        start(true);
        RDD<byte[]> source = ctx.parallelize(arrays(10, 19), 1);
        BlockShuffleDependency<byte[]> wrong =
                new BlockShuffleDependency<>(source, 3, (records, partitions) -> partitions.partition(3));
        assertThatThrownBy(
                        () -> new BlockShuffledRDD<>(wrong, new LengthPrefixedShuffle.LengthPrefixedReader()).count())
                .hasStackTraceContaining("has reduce partitions 0 to 2, not 3");
    }
}
