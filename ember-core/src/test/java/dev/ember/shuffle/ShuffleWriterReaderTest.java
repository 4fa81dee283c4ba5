package dev.ember.shuffle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.ember.Aggregator;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.HashPartitioner;
import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.TaskContext;
import dev.ember.collection.SpillContext;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoSerializer;
import dev.ember.serializer.Serializer;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.SerializerManager;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sort shuffle below the RDD API. Map outputs are written by {@link SortShuffleWriter} (with and without map-side
 * combine, spilling under a tiny memory budget or a forced element threshold) and by
 * {@link BypassMergeSortShuffleWriter}; their data and index files are checked as {@link IndexShuffleBlockResolver}
 * lays them out; {@link BlockStoreShuffleReader} must read back exactly what was written, per reduce partition,
 * aggregating and sorting by key as the dependency asks. Lost, truncated, inconsistent and corrupt map outputs must
 * surface as {@link FetchFailedException}s naming the map output, and failed writers must leave no file behind.
 *
 * <p>Writers, resolver, map output tracker and reader are built directly over a temporary directory; the context is
 * only needed to create the {@link PairShuffleDependency}s (their shuffle ids and handles). Every expected result is
 * computed from the same input with plain Java collections, with the partition of a key being
 * {@code Math.floorMod(key.hashCode(), numPartitions)}, which is what {@link HashPartitioner} promises.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShuffleWriterReaderTest {
    private static final BlockManagerId LOCAL = new BlockManagerId("exec-1", "localhost", 0);
    private static final int FILE_BUFFER = 4096;
    private static final int SPILL_BATCH_SIZE = 100;
    private static final long INITIAL_MEMORY_THRESHOLD = 8192;
    /** Execution memory for tasks that should never have to spill. */
    private static final long PLENTY_OF_MEMORY = 256L << 20;
    /** Execution memory so small that every sorter of these tests spills, most of them many times. */
    private static final long TINY_MEMORY = 64_000;

    private static final long NO_FORCED_SPILL = Long.MAX_VALUE;
    /** The writers of shuffles without a key ordering. */
    private static final ShuffleHandle.WriterKind[] UNORDERED_KINDS = {
        ShuffleHandle.WriterKind.BYPASS_MERGE_SORT, ShuffleHandle.WriterKind.SORT
    };
    /** Values of the map-order test encode where they come from: {@code map * SEQUENCE_BASE + position}. */
    private static final int SEQUENCE_BASE = 1_000_000;

    private static EmberContext ctx;

    @TempDir
    Path localDir;

    private DiskBlockManager diskBlockManager;
    private Serializer serializer;
    private SerializerManager serializerManager;
    private MapOutputTrackerMaster mapOutputTracker;
    private SortShuffleManager shuffleManager;
    private IndexShuffleBlockResolver resolver;

    /** Map output writers over this test's resolver, as the shuffle manager makes them. */
    private MapOutputWriterFactory localDisk() {
        return MapOutputWriterFactory.localDisk(resolver, FILE_BUFFER);
    }

    private final List<TestTaskContext> tasks = new ArrayList<>();
    private long nextTaskAttemptId = 1;

    @BeforeAll
    static void startContext() {
        ctx = new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("shuffle-writer-reader"));
    }

    @AfterAll
    static void stopContext() {
        ctx.stop();
    }

    @BeforeEach
    void setUp() {
        EmberConf conf = new EmberConf(false).set("ember.local.dir", localDir.toString());
        diskBlockManager = new DiskBlockManager(conf);
        serializer = new KryoSerializer(conf);
        serializerManager = new SerializerManager(serializer, conf);
        mapOutputTracker = new MapOutputTrackerMaster();
        shuffleManager = new SortShuffleManager(conf, diskBlockManager, serializerManager, mapOutputTracker, LOCAL);
        resolver = shuffleManager.resolver();
    }

    @AfterEach
    void tearDown() {
        try {
            tasks.forEach(TestTaskContext::complete);
        } finally {
            TestTaskContext.uninstall();
            shuffleManager.stop();
            diskBlockManager.stop();
        }
    }

    // ---- SortShuffleWriter ----

    @Test
    void sortWriterWithCombineSpillsAndReadsBackSums() throws IOException {
        int partitions = 5;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(3, 20_000, 8_000);
        PairShuffleDependency<Integer, Integer, Long> dependency = dependency(inputs, partitions, null, sum(), true);

        for (int map = 0; map < inputs.size(); map++) {
            TaskAttempt writerTask = task(TINY_MEMORY, NO_FORCED_SPILL);
            MapStatus status = writeWithSortWriter(dependency, map, inputs.get(map), writerTask);
            assertThat(status.mapId()).isEqualTo(writerTask.id());
            assertThat(writerTask.metrics().diskBytesSpilled())
                    .as("map %d spilled with %d bytes of memory", map, TINY_MEMORY)
                    .isPositive();
            assertThat(writerTask.metrics().memoryBytesSpilled()).isPositive();
            assertThat(writerTask.metrics().shuffleWriteMetrics().recordsWritten())
                    .as("map-side combine writes each key of map %d once, however often it spilled", map)
                    .isEqualTo(distinctKeys(inputs.get(map)));
            assertThat(tempShuffleFiles())
                    .as("stopping the writer deletes its spill files")
                    .isZero();
            assertThat(writerTask.memoryManager().executionMemoryUsed())
                    .as("and returns its memory")
                    .isZero();
        }

        for (int partition = 0; partition < partitions; partition++) {
            TaskAttempt readerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
            Map<Integer, Long> actual = new HashMap<>();
            for (Pair<Integer, Long> pair : read(dependency, partition, partition + 1, readerTask)) {
                assertThat(actual.put(pair.key(), pair.value()))
                        .as("key %s is read once", pair.key())
                        .isNull();
            }
            assertThat(actual)
                    .as("sums of partition %d", partition)
                    .isEqualTo(sumsByKey(allOfPartition(inputs, partition, partitions)));
            long combinedRecords = 0;
            for (List<Pair<Integer, Integer>> input : inputs) {
                combinedRecords += distinctKeys(ofPartition(input, partition, partitions));
            }
            assertThat(readerTask.metrics().shuffleReadMetrics().recordsRead())
                    .as("one combined record per key and map output")
                    .isEqualTo(combinedRecords);
        }
    }

    @Test
    void sortWriterWithoutCombineSpillsAtTheForcedThresholdAndKeepsEveryRecord() throws IOException {
        int partitions = 6;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(3, 15_000, 3_000);
        PairShuffleDependency<Integer, Integer, Integer> dependency = dependency(inputs, partitions, null, null, false);

        for (int map = 0; map < inputs.size(); map++) {
            TaskAttempt writerTask = task(PLENTY_OF_MEMORY, 1_000);
            MapStatus status = writeWithSortWriter(dependency, map, inputs.get(map), writerTask);
            assertThat(writerTask.metrics().diskBytesSpilled())
                    .as("map %d spilled every 1000 records although memory was plentiful", map)
                    .isPositive();
            assertThat(writerTask.metrics().memoryBytesSpilled()).isPositive();
            assertThat(writerTask.metrics().shuffleWriteMetrics().recordsWritten())
                    .isEqualTo(inputs.get(map).size());
            assertThat(writerTask.metrics().shuffleWriteMetrics().bytesWritten())
                    .as("bytes written are the data file's")
                    .isEqualTo(resolver.dataFile(dependency.shuffleId(), status.mapId())
                            .length());
            assertThat(tempShuffleFiles()).isZero();
            assertThat(writerTask.memoryManager().executionMemoryUsed()).isZero();
        }

        for (int partition = 0; partition < partitions; partition++) {
            List<Pair<Integer, Integer>> actual =
                    read(dependency, partition, partition + 1, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL));
            assertThat(counts(actual))
                    .as("records of partition %d", partition)
                    .isEqualTo(counts(allOfPartition(inputs, partition, partitions)));
        }
    }

    // ---- BypassMergeSortShuffleWriter ----

    @Test
    void bypassWriterKeepsEachMapsOrderWithinAPartitionAndReadsPartitionRanges() throws IOException {
        int partitions = 7;
        List<List<Pair<String, Integer>>> inputs = new ArrayList<>();
        for (int map = 0; map < 3; map++) {
            Random random = new Random(100 + map);
            List<Pair<String, Integer>> input = new ArrayList<>();
            for (int position = 0; position < 8_000; position++) {
                input.add(Pair.of("key-" + random.nextInt(2_000), map * SEQUENCE_BASE + position));
            }
            inputs.add(input);
        }
        PairShuffleDependency<String, Integer, Integer> dependency = dependency(inputs, partitions, null, null, false);

        for (int map = 0; map < inputs.size(); map++) {
            TaskAttempt writerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
            MapStatus status = writeWithBypassWriter(dependency, map, inputs.get(map), writerTask);
            assertThat(status.mapId()).isEqualTo(writerTask.id());
            assertThat(tempShuffleFiles())
                    .as("the per-partition files are deleted once concatenated")
                    .isZero();
            assertThat(writerTask.metrics().shuffleWriteMetrics().recordsWritten())
                    .isEqualTo(inputs.get(map).size());
            assertThat(writerTask.metrics().shuffleWriteMetrics().bytesWritten())
                    .as("bytes written are the data file's")
                    .isEqualTo(resolver.dataFile(dependency.shuffleId(), status.mapId())
                            .length());
        }

        for (int partition = 0; partition < partitions; partition++) {
            TaskAttempt readerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
            List<Pair<String, Integer>> actual = read(dependency, partition, partition + 1, readerTask);
            int expectedRecords = 0;
            int expectedBlocks = 0;
            for (int map = 0; map < inputs.size(); map++) {
                List<Pair<String, Integer>> expected = ofPartition(inputs.get(map), partition, partitions);
                assertThat(fromMap(actual, map))
                        .as("map %d's records of partition %d, in input order", map, partition)
                        .containsExactlyElementsOf(expected);
                expectedRecords += expected.size();
                expectedBlocks += expected.isEmpty() ? 0 : 1;
            }
            assertThat(actual).hasSize(expectedRecords);
            assertThat(readerTask.metrics().shuffleReadMetrics().recordsRead()).isEqualTo(expectedRecords);
            assertThat(readerTask.metrics().shuffleReadMetrics().localBlocksFetched())
                    .isEqualTo(expectedBlocks);
        }

        List<Pair<String, Integer>> expectedRange = new ArrayList<>();
        for (int partition = 2; partition < 5; partition++) {
            expectedRange.addAll(allOfPartition(inputs, partition, partitions));
        }
        assertThat(counts(read(dependency, 2, 5, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL))))
                .as("a reader of partitions [2, 5) gets those three, and only those")
                .isEqualTo(counts(expectedRange));
    }

    // ---- BlockStoreShuffleReader: aggregation and ordering ----

    @Test
    void readerAggregatesBypassOutputAcrossReduceSideSpillsAndCleansUpAtTaskEnd() throws IOException {
        int partitions = 4;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(3, 12_000, 600);
        PairShuffleDependency<Integer, Integer, List<Integer>> dependency =
                dependency(inputs, partitions, null, collect(), false);
        for (int map = 0; map < inputs.size(); map++) {
            writeWithBypassWriter(dependency, map, inputs.get(map), task(PLENTY_OF_MEMORY, NO_FORCED_SPILL));
        }

        long spilled = 0;
        for (int partition = 0; partition < partitions; partition++) {
            Map<Integer, List<Integer>> expected = new HashMap<>();
            for (Pair<Integer, Integer> record : allOfPartition(inputs, partition, partitions)) {
                expected.computeIfAbsent(record.key(), ignored -> new ArrayList<>())
                        .add(record.value());
            }
            expected.values().forEach(Collections::sort);

            TaskAttempt readerTask = task(TINY_MEMORY, NO_FORCED_SPILL);
            Map<Integer, List<Integer>> actual = new HashMap<>();
            for (Pair<Integer, List<Integer>> pair : read(dependency, partition, partition + 1, readerTask)) {
                List<Integer> values = new ArrayList<>(pair.value());
                Collections.sort(values);
                assertThat(actual.put(pair.key(), values))
                        .as("key %s is read once", pair.key())
                        .isNull();
            }
            assertThat(actual).as("values of partition %d by key", partition).isEqualTo(expected);
            spilled += readerTask.metrics().diskBytesSpilled();

            readerTask.context().complete();
            assertThat(tempShuffleFiles())
                    .as("the end of the task deletes the reader's spill files")
                    .isZero();
            assertThat(readerTask.memoryManager().executionMemoryUsed())
                    .as("and returns its memory")
                    .isZero();
        }
        assertThat(spilled).as("the reduce side spilled").isPositive();
    }

    @Test
    void readerWithMoreSortedBlocksThanItMergesSortsThemAcrossSpills() throws IOException {
        reconfigure("ember.shuffle.sort.maxMergeWidth", "1");
        int partitions = 3;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(2, 15_000, 50_000);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(inputs, partitions, Comparator.<Integer>naturalOrder(), null, false);
        for (int map = 0; map < inputs.size(); map++) {
            writeWithSortWriter(dependency, map, inputs.get(map), task(PLENTY_OF_MEMORY, NO_FORCED_SPILL));
        }

        long spilled = 0;
        for (int partition = 0; partition < partitions; partition++) {
            TaskAttempt readerTask = task(TINY_MEMORY, NO_FORCED_SPILL);
            List<Pair<Integer, Integer>> actual = read(dependency, partition, partition + 1, readerTask);
            assertThat(keys(actual)).as("keys of partition %d", partition).isSorted();
            assertThat(counts(actual)).isEqualTo(counts(allOfPartition(inputs, partition, partitions)));
            spilled += readerTask.metrics().diskBytesSpilled();
        }
        assertThat(spilled).as("the reduce side spilled while sorting").isPositive();

        List<Pair<Integer, Integer>> everything = read(dependency, 0, partitions, task(TINY_MEMORY, NO_FORCED_SPILL));
        assertThat(keys(everything))
                .as("one reader of every partition sorts them all together")
                .hasSize(30_000)
                .isSorted();
    }

    @Test
    void readerMergesBlocksSortedOnTheMapSideWithoutSortingThemAgain() throws IOException {
        int partitions = 4;
        List<List<Pair<Integer, Integer>>> inputs = new ArrayList<>();
        for (int map = 0; map < 3; map++) {
            Random random = new Random(200 + map);
            List<Pair<Integer, Integer>> input = new ArrayList<>();
            for (int position = 0; position < 12_000; position++) {
                input.add(Pair.of(random.nextInt(4_000), map * SEQUENCE_BASE + position));
            }
            inputs.add(input);
        }
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(inputs, partitions, Comparator.<Integer>naturalOrder(), null, false);
        assertThat(dependency.handle().writerKind()).isEqualTo(ShuffleHandle.WriterKind.SORT_BY_KEY);
        // In memory, spilling under a tiny budget, and spilling every 1000 records.
        TaskAttempt[] writers = {
            task(PLENTY_OF_MEMORY, NO_FORCED_SPILL), task(TINY_MEMORY, NO_FORCED_SPILL), task(PLENTY_OF_MEMORY, 1_000)
        };
        for (int map = 0; map < inputs.size(); map++) {
            MapStatus status = writeWithSortWriter(dependency, map, inputs.get(map), writers[map]);
            for (int partition = 0; partition < partitions; partition++) {
                BlockId.ShuffleBlockId blockId =
                        new BlockId.ShuffleBlockId(dependency.shuffleId(), status.mapId(), partition);
                assertThat(keys(decode(blockId)))
                        .as("map %d wrote block %s sorted", map, blockId)
                        .isSorted();
            }
        }
        assertThat(writers[0].metrics().diskBytesSpilled()).isZero();
        assertThat(writers[1].metrics().diskBytesSpilled()).isPositive();
        assertThat(writers[2].metrics().diskBytesSpilled()).isPositive();

        for (int partition = 0; partition < partitions; partition++) {
            TaskAttempt readerTask = task(TINY_MEMORY, NO_FORCED_SPILL);
            List<Pair<Integer, Integer>> actual = read(dependency, partition, partition + 1, readerTask);
            List<Pair<Integer, Integer>> expected = new ArrayList<>(allOfPartition(inputs, partition, partitions));
            // Equal keys come out map by map, each map's in its own order: a stable sort of the maps in turn.
            expected.sort(Comparator.comparing(Pair::key));
            assertThat(actual).as("partition %d", partition).containsExactlyElementsOf(expected);
            assertThat(readerTask.metrics().diskBytesSpilled())
                    .as("merging needs no memory to spill from")
                    .isZero();
            assertThat(readerTask.metrics().shuffleReadMetrics().recordsRead()).isEqualTo(expected.size());
        }
        List<Pair<Integer, Integer>> everything = read(dependency, 0, partitions, task(TINY_MEMORY, NO_FORCED_SPILL));
        assertThat(keys(everything))
                .as("blocks of several partitions merge into one order")
                .hasSize(36_000)
                .isSorted();
    }

    @Test
    void aCorruptSortedBlockFailsTheMergeWithAFetchFailure() throws IOException {
        int partitions = 2;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(3, 4_000, 900);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(inputs, partitions, Comparator.<Integer>naturalOrder(), null, false);
        List<MapStatus> statuses = new ArrayList<>();
        for (int map = 0; map < inputs.size(); map++) {
            statuses.add(
                    writeWithSortWriter(dependency, map, inputs.get(map), task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)));
        }
        overwriteBlock(dependency.shuffleId(), statuses.get(2).mapId(), 0);

        Throwable thrown = catchThrowable(() -> read(dependency, 0, 1, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)));
        assertThat(thrown)
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.mapId()).isEqualTo(statuses.get(2).mapId());
                    assertThat(failure.mapIndex()).isEqualTo(2);
                    assertThat(failure.reduceId()).isZero();
                })
                .hasMessageContaining("corrupt or unreadable");
        assertThat(counts(read(dependency, 1, 2, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL))))
                .as("the other partition reads in full")
                .isEqualTo(counts(allOfPartition(inputs, 1, partitions)));
    }

    @Test
    void readerMergesMapSideCombinersAndOrdersKeysDescending() throws IOException {
        int partitions = 4;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(3, 20_000, 6_000);
        PairShuffleDependency<Integer, Integer, Long> dependency =
                dependency(inputs, partitions, Comparator.<Integer>reverseOrder(), sum(), true);
        for (int map = 0; map < inputs.size(); map++) {
            TaskAttempt writerTask = task(TINY_MEMORY, NO_FORCED_SPILL);
            writeWithSortWriter(dependency, map, inputs.get(map), writerTask);
            assertThat(writerTask.metrics().diskBytesSpilled()).isPositive();
        }

        for (int partition = 0; partition < partitions; partition++) {
            List<Pair<Integer, Long>> actual =
                    read(dependency, partition, partition + 1, task(TINY_MEMORY, NO_FORCED_SPILL));
            assertThat(keys(actual))
                    .as("keys of partition %d", partition)
                    .isSortedAccordingTo(Comparator.reverseOrder())
                    .doesNotHaveDuplicates();
            Map<Integer, Long> sums = new HashMap<>();
            actual.forEach(pair -> sums.put(pair.key(), pair.value()));
            assertThat(sums).isEqualTo(sumsByKey(allOfPartition(inputs, partition, partitions)));
        }
    }

    // ---- IndexShuffleBlockResolver ----

    @Test
    void indexOffsetsMatchTheMapStatusAndTheDataFileLength() throws IOException {
        int partitions = 5;
        int emptyPartition = 3;
        List<Pair<Integer, Integer>> input = new ArrayList<>(intRecords(10_000, 2_000, 11));
        input.removeIf(record -> expectedPartition(record.key(), partitions) == emptyPartition);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(List.of(input), partitions, null, null, false);
        int shuffleId = dependency.shuffleId();

        // SORT_BY_KEY needs a key ordering; its blocks are checked by the merge tests.
        for (ShuffleHandle.WriterKind kind : UNORDERED_KINDS) {
            TaskAttempt task = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
            MapStatus status = write(kind, dependency, 0, input, task);
            assertThat(task.metrics().diskBytesSpilled())
                    .as("%s: written without spilling", kind)
                    .isZero();
            assertThat(status.location()).isEqualTo(LOCAL);
            assertThat(status.mapId()).isEqualTo(task.id());
            assertThat(status.numPartitions()).isEqualTo(partitions);

            File index = resolver.indexFile(shuffleId, task.id());
            assertThat(index)
                    .as("%s: one offset per partition, plus the end", kind)
                    .hasSize((partitions + 1) * (long) Long.BYTES);
            long[] offsets = readIndex(index);
            assertThat(offsets[0]).isZero();
            assertThat(resolver.dataFile(shuffleId, task.id()))
                    .as("%s: the data file ends where the last partition does", kind)
                    .hasSize(offsets[partitions]);
            assertThat(task.metrics().shuffleWriteMetrics().bytesWritten()).isEqualTo(offsets[partitions]);

            for (int partition = 0; partition < partitions; partition++) {
                long length = offsets[partition + 1] - offsets[partition];
                BlockId.ShuffleBlockId blockId = new BlockId.ShuffleBlockId(shuffleId, task.id(), partition);
                assertThat(resolver.getBlockData(blockId).orElseThrow().size())
                        .as("%s: block %s spans its index entries", kind, blockId)
                        .isEqualTo(length);
                if (partition == emptyPartition) {
                    assertThat(length)
                            .as("%s: partition %d has no records", kind, partition)
                            .isZero();
                    assertThat(status.sizeForBlock(partition))
                            .as("%s: an empty block is exactly 0 in the map status", kind)
                            .isZero();
                } else {
                    assertThat(length).as("%s: partition %d", kind, partition).isPositive();
                    assertThat(status.sizeForBlock(partition))
                            .as("%s: the map status approximates partition %d's length", kind, partition)
                            .isCloseTo(length, within(Math.max(1L, length / 10)));
                    assertThat(counts(decode(blockId)))
                            .as("%s: block %s holds exactly partition %d's records", kind, blockId, partition)
                            .isEqualTo(counts(ofPartition(input, partition, partitions)));
                }
            }
        }
    }

    @Test
    void emptyMapOutputsCommitEmptyFilesAndReadAsNothing() throws IOException {
        int partitions = 3;
        List<Pair<Integer, Integer>> none = List.of();
        ShuffleHandle.WriterKind[] kinds = UNORDERED_KINDS;
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(Collections.nCopies(kinds.length, none), partitions, null, null, false);
        int shuffleId = dependency.shuffleId();

        for (int map = 0; map < kinds.length; map++) {
            TaskAttempt task = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
            MapStatus status = write(kinds[map], dependency, map, none, task);
            assertThat(resolver.dataFile(shuffleId, task.id()))
                    .as("%s: an empty data file", kinds[map])
                    .exists()
                    .hasSize(0);
            assertThat(readIndex(resolver.indexFile(shuffleId, task.id())))
                    .as("%s: every offset is 0", kinds[map])
                    .containsExactly(new long[partitions + 1]);
            for (int partition = 0; partition < partitions; partition++) {
                assertThat(status.sizeForBlock(partition)).isZero();
            }
        }

        TaskAttempt readerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
        assertThat(read(dependency, 0, partitions, readerTask)).isEmpty();
        assertThat(readerTask.metrics().shuffleReadMetrics().localBlocksFetched())
                .as("empty blocks are never fetched")
                .isZero();
    }

    @Test
    void removeDataByMapDeletesBothFilesAndReadersReportTheLoss() throws IOException {
        int partitions = 3;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(2, 3_000, 500);
        PairShuffleDependency<Integer, Integer, Integer> dependency = dependency(inputs, partitions, null, null, false);
        int shuffleId = dependency.shuffleId();
        List<MapStatus> statuses = new ArrayList<>();
        for (int map = 0; map < inputs.size(); map++) {
            statuses.add(
                    writeWithSortWriter(dependency, map, inputs.get(map), task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)));
        }
        long lost = statuses.get(0).mapId();
        long kept = statuses.get(1).mapId();
        assertThat(statuses.get(0).sizeForBlock(1)).isPositive();
        assertThat(resolver.dataFile(shuffleId, lost)).exists();
        assertThat(resolver.indexFile(shuffleId, lost)).exists();

        resolver.removeDataByMap(shuffleId, lost);
        assertThat(resolver.dataFile(shuffleId, lost)).doesNotExist();
        assertThat(resolver.indexFile(shuffleId, lost)).doesNotExist();
        assertThat(resolver.dataFile(shuffleId, kept))
                .as("other map outputs stay")
                .exists();
        assertThat(resolver.indexFile(shuffleId, kept)).exists();
        assertThat(resolver.getBlockData(new BlockId.ShuffleBlockId(shuffleId, lost, 1)))
                .isEmpty();
        assertThatCode(() -> resolver.removeDataByMap(shuffleId, lost))
                .as("removing a map output twice is harmless")
                .doesNotThrowAnyException();

        TaskAttempt readerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
        readerTask.context().install();
        assertThatThrownBy(() -> read(dependency, 1, 2, readerTask))
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.address()).isEqualTo(LOCAL);
                    assertThat(failure.shuffleId()).isEqualTo(shuffleId);
                    assertThat(failure.mapId()).isEqualTo(lost);
                    assertThat(failure.mapIndex()).isZero();
                    assertThat(failure.reduceId()).isEqualTo(1);
                })
                .hasMessageContaining("missing");
        assertThat(readerTask.context().fetchFailure())
                .as("the fetch failure is recorded on the task")
                .isPresent();

        mapOutputTracker.unregisterMapOutput(shuffleId, 0, null);
        assertThatThrownBy(() -> read(dependency, 1, 2, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)))
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.shuffleId()).isEqualTo(shuffleId);
                    assertThat(failure.mapIndex()).isZero();
                })
                .hasMessageContaining("Missing an output location");
    }

    @Test
    void truncatedIndexIsReportedAsTooShortAndFailsTheFetch() throws IOException {
        int partitions = 4;
        List<Pair<Integer, Integer>> input = intRecords(4_000, 800, 21);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(List.of(input), partitions, null, null, false);
        int shuffleId = dependency.shuffleId();
        MapStatus status = writeWithSortWriter(dependency, 0, input, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL));
        long mapId = status.mapId();
        for (int partition = 0; partition < partitions; partition++) {
            assertThat(status.sizeForBlock(partition)).isPositive();
        }
        File index = resolver.indexFile(shuffleId, mapId);
        long[] offsets = readIndex(index);

        // Two and a half offsets are left: enough for partition 0, not for partition 2.
        try (FileChannel channel = FileChannel.open(index.toPath(), StandardOpenOption.WRITE)) {
            channel.truncate(20);
        }
        assertThat(resolver.getBlockData(new BlockId.ShuffleBlockId(shuffleId, mapId, 0))
                        .orElseThrow()
                        .size())
                .isEqualTo(offsets[1]);
        assertThatThrownBy(() -> resolver.getBlockData(new BlockId.ShuffleBlockId(shuffleId, mapId, 2)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(index.getName())
                .cause()
                .hasMessageContaining("too short for reduce partition 2");

        assertThat(counts(read(dependency, 0, 1, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL))))
                .as("partition 0 is still readable")
                .isEqualTo(counts(ofPartition(input, 0, partitions)));
        assertThatThrownBy(() -> read(dependency, 2, 3, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)))
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.shuffleId()).isEqualTo(shuffleId);
                    assertThat(failure.mapId()).isEqualTo(mapId);
                    assertThat(failure.mapIndex()).isZero();
                    assertThat(failure.reduceId()).isEqualTo(2);
                })
                .hasMessageContaining("shuffle index")
                .hasCauseInstanceOf(UncheckedIOException.class);
    }

    @Test
    void inconsistentIndexOffsetsSurfaceAsFetchFailures() throws IOException {
        int partitions = 3;
        List<Pair<Integer, Integer>> input = intRecords(3_000, 600, 23);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(List.of(input), partitions, null, null, false);
        int shuffleId = dependency.shuffleId();
        MapStatus status = writeWithSortWriter(dependency, 0, input, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL));
        long mapId = status.mapId();
        for (int partition = 0; partition < partitions; partition++) {
            assertThat(status.sizeForBlock(partition)).isPositive();
        }
        File index = resolver.indexFile(shuffleId, mapId);
        long[] offsets = readIndex(index);
        long dataLength = resolver.dataFile(shuffleId, mapId).length();

        rewriteIndex(index, offsets[0], offsets[1], offsets[2], dataLength + 100);
        assertThatThrownBy(() -> resolver.getBlockData(new BlockId.ShuffleBlockId(shuffleId, mapId, 2)))
                .as("a block ending past the end of the data file")
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(index.getName())
                .rootCause()
                .hasMessageContaining("ends at byte " + (dataLength + 100));
        assertThatThrownBy(() -> read(dependency, 2, 3, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)))
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.mapId()).isEqualTo(mapId);
                    assertThat(failure.reduceId()).isEqualTo(2);
                })
                .hasMessageContaining("ends at byte " + (dataLength + 100));

        rewriteIndex(index, offsets[0], offsets[2], offsets[1], offsets[3]);
        String blockName = new BlockId.ShuffleBlockId(shuffleId, mapId, 1).name();
        assertThatThrownBy(() -> read(dependency, 1, 2, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)))
                .as("a block whose end comes before its start")
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.mapId()).isEqualTo(mapId);
                    assertThat(failure.reduceId()).isEqualTo(1);
                })
                .hasMessageContaining(blockName)
                .hasMessageContaining("is corrupt");
    }

    // ---- failures ----

    @Test
    void corruptBlockSurfacesAsFetchFailedExceptionRecordedOnTheTask() throws IOException {
        int partitions = 3;
        List<List<Pair<Integer, Integer>>> inputs = mapInputs(2, 4_000, 900);
        PairShuffleDependency<Integer, Integer, Integer> dependency = dependency(inputs, partitions, null, null, false);
        int shuffleId = dependency.shuffleId();
        List<MapStatus> statuses = new ArrayList<>();
        for (int map = 0; map < inputs.size(); map++) {
            statuses.add(
                    writeWithBypassWriter(dependency, map, inputs.get(map), task(PLENTY_OF_MEMORY, NO_FORCED_SPILL)));
        }
        MapStatus corrupted = statuses.get(1);
        assertThat(corrupted.sizeForBlock(1)).isPositive();
        overwriteBlock(shuffleId, corrupted.mapId(), 1);

        TaskAttempt readerTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
        readerTask.context().install();
        Throwable thrown = catchThrowable(() -> read(dependency, 1, 2, readerTask));
        assertThat(thrown)
                .isInstanceOfSatisfying(FetchFailedException.class, failure -> {
                    assertThat(failure.address()).isEqualTo(LOCAL);
                    assertThat(failure.shuffleId()).isEqualTo(shuffleId);
                    assertThat(failure.mapId()).isEqualTo(corrupted.mapId());
                    assertThat(failure.mapIndex()).isEqualTo(1);
                    assertThat(failure.reduceId()).isEqualTo(1);
                })
                .hasMessageContaining("corrupt or unreadable");
        assertThat(readerTask.context().fetchFailure())
                .as("recorded on the task, so it counts even if user code swallows it")
                .containsSame((FetchFailedException) thrown);
        TestTaskContext.uninstall();

        for (int partition : new int[] {0, 2}) {
            assertThat(counts(read(dependency, partition, partition + 1, task(PLENTY_OF_MEMORY, NO_FORCED_SPILL))))
                    .as("untouched partition %d", partition)
                    .isEqualTo(counts(allOfPartition(inputs, partition, partitions)));
        }
    }

    @Test
    void failedWritersLeaveNoFilesBehind() throws IOException {
        int partitions = 4;
        List<Pair<Integer, Integer>> input = intRecords(12_000, 3_000, 29);
        PairShuffleDependency<Integer, Integer, Integer> dependency =
                dependency(List.of(input), partitions, null, null, false);
        int shuffleId = dependency.shuffleId();

        TaskAttempt sortTask = task(PLENTY_OF_MEMORY, 1_000);
        SortShuffleWriter<Integer, Integer, Integer> sortWriter = new SortShuffleWriter<>(
                dependency.handle(), sortTask.id(), resolver, sortTask.spill(), LOCAL, localDisk());
        assertThatThrownBy(() -> sortWriter.write(failingAfter(input, 6_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("injected failure");
        assertThat(tempShuffleFiles())
                .as("the sorter spilled before the failure")
                .isPositive();
        assertThat(sortWriter.stop(false)).isEmpty();
        assertThat(tempShuffleFiles())
                .as("stopping the failed sort writer deletes its spills")
                .isZero();
        assertThat(sortTask.memoryManager().executionMemoryUsed()).isZero();
        assertThat(shuffleOutputFiles()).isZero();

        TaskAttempt bypassTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
        BypassMergeSortShuffleWriter<Integer, Integer> bypassWriter = new BypassMergeSortShuffleWriter<>(
                dependency.handle(),
                bypassTask.id(),
                resolver,
                serializerManager,
                bypassTask.spill(),
                LOCAL,
                FILE_BUFFER,
                localDisk());
        assertThatThrownBy(() -> bypassWriter.write(failingAfter(input, 6_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("injected failure");
        assertThat(tempShuffleFiles())
                .as("the per-partition files written so far")
                .isPositive();
        assertThat(bypassWriter.stop(false)).isEmpty();
        assertThat(tempShuffleFiles())
                .as("stopping the failed bypass writer deletes its files")
                .isZero();
        assertThat(bypassTask.metrics().shuffleWriteMetrics().recordsWritten())
                .as("the failed attempt's records are not counted")
                .isZero();
        assertThat(shuffleOutputFiles()).isZero();

        TaskAttempt committedTask = task(PLENTY_OF_MEMORY, NO_FORCED_SPILL);
        SortShuffleWriter<Integer, Integer, Integer> committedWriter = new SortShuffleWriter<>(
                dependency.handle(), committedTask.id(), resolver, committedTask.spill(), LOCAL, localDisk());
        committedWriter.write(input.iterator());
        assertThat(resolver.dataFile(shuffleId, committedTask.id())).exists();
        assertThat(resolver.indexFile(shuffleId, committedTask.id())).exists();
        assertThat(committedWriter.stop(false))
                .as("a task failing after its writer committed")
                .isEmpty();
        assertThat(resolver.dataFile(shuffleId, committedTask.id())).doesNotExist();
        assertThat(resolver.indexFile(shuffleId, committedTask.id())).doesNotExist();
        assertThat(shuffleOutputFiles()).isZero();
    }

    // ---- writing and reading ----

    /** One task attempt run by hand: its context, and the memory, disk and metrics its sorters use. */
    private record TaskAttempt(TestTaskContext context, SpillContext spill) {
        long id() {
            return context.taskAttemptId();
        }

        TaskMetrics metrics() {
            return spill.metrics();
        }

        UnifiedMemoryManager memoryManager() {
            return spill.taskMemoryManager().memoryManager();
        }
    }

    /**
     * A new task attempt with {@code memory} bytes of execution memory of its own (so that tasks never wait for each
     * other's memory) that spills after {@code forceSpillElements} records whatever memory is free.
     */
    private TaskAttempt task(long memory, long forceSpillElements) {
        long id = nextTaskAttemptId++;
        TaskMetrics metrics = new TaskMetrics();
        TestTaskContext context = new TestTaskContext(id, metrics);
        tasks.add(context);
        UnifiedMemoryManager memoryManager = new UnifiedMemoryManager(memory, memory / 2, 0, 0);
        SpillContext spill = new SpillContext(
                new TaskMemoryManager(memoryManager, id),
                serializerManager,
                diskBlockManager,
                metrics,
                FILE_BUFFER,
                SPILL_BATCH_SIZE,
                INITIAL_MEMORY_THRESHOLD,
                forceSpillElements);
        return new TaskAttempt(context, spill);
    }

    /** Replaces the shuffle manager, before anything is written, by one whose configuration also sets {@code key}. */
    private void reconfigure(String key, String value) {
        shuffleManager.stop();
        EmberConf conf =
                new EmberConf(false).set("ember.local.dir", localDir.toString()).set(key, value);
        shuffleManager = new SortShuffleManager(conf, diskBlockManager, serializerManager, mapOutputTracker, LOCAL);
        resolver = shuffleManager.resolver();
    }

    /** A shuffle of one map partition per element of {@code mapInputs}, registered with the map output tracker. */
    private <K, V, C> PairShuffleDependency<K, V, C> dependency(
            List<List<Pair<K, V>>> mapInputs,
            int numPartitions,
            Comparator<? super K> ordering,
            Aggregator<K, V, C> aggregator,
            boolean mapSideCombine) {
        List<Pair<K, V>> all = new ArrayList<>();
        mapInputs.forEach(all::addAll);
        PairShuffleDependency<K, V, C> dependency = new PairShuffleDependency<>(
                ctx.parallelizePairs(all, mapInputs.size()),
                new HashPartitioner(numPartitions),
                serializer,
                ordering,
                aggregator,
                mapSideCombine);
        mapOutputTracker.registerShuffle(dependency.shuffleId(), mapInputs.size());
        return dependency;
    }

    private <K, V, C> MapStatus write(
            ShuffleHandle.WriterKind kind,
            PairShuffleDependency<K, V, C> dependency,
            int mapIndex,
            List<Pair<K, V>> records,
            TaskAttempt task)
            throws IOException {
        return kind == ShuffleHandle.WriterKind.BYPASS_MERGE_SORT
                ? writeWithBypassWriter(dependency, mapIndex, records, task)
                : writeWithSortWriter(dependency, mapIndex, records, task);
    }

    /** Writes map partition {@code mapIndex} as task {@code task} would, and registers its output. */
    private <K, V, C> MapStatus writeWithSortWriter(
            PairShuffleDependency<K, V, C> dependency, int mapIndex, List<Pair<K, V>> records, TaskAttempt task)
            throws IOException {
        SortShuffleWriter<K, V, C> writer =
                new SortShuffleWriter<>(dependency.handle(), task.id(), resolver, task.spill(), LOCAL, localDisk());
        writer.write(records.iterator());
        MapStatus status = writer.stop(true).orElseThrow();
        mapOutputTracker.registerMapOutput(dependency.shuffleId(), mapIndex, status);
        return status;
    }

    /** Writes map partition {@code mapIndex} as task {@code task} would, and registers its output. */
    private <K, V> MapStatus writeWithBypassWriter(
            PairShuffleDependency<K, V, ?> dependency, int mapIndex, List<Pair<K, V>> records, TaskAttempt task)
            throws IOException {
        BypassMergeSortShuffleWriter<K, V> writer = new BypassMergeSortShuffleWriter<>(
                dependency.handle(),
                task.id(),
                resolver,
                serializerManager,
                task.spill(),
                LOCAL,
                FILE_BUFFER,
                localDisk());
        writer.write(records.iterator());
        MapStatus status = writer.stop(true).orElseThrow();
        mapOutputTracker.registerMapOutput(dependency.shuffleId(), mapIndex, status);
        return status;
    }

    /** Every record of reduce partitions {@code [startPartition, endPartition)} of all map outputs. */
    private <K, V, C> List<Pair<K, C>> read(
            PairShuffleDependency<K, V, C> dependency, int startPartition, int endPartition, TaskAttempt task) {
        BlockStoreShuffleReader<K, V, C> reader = new BlockStoreShuffleReader<>(
                dependency.handle(),
                0,
                dependency.numMapPartitions(),
                startPartition,
                endPartition,
                task.context(),
                task.spill(),
                mapOutputTracker,
                shuffleManager,
                LOCAL);
        List<Pair<K, C>> records = new ArrayList<>();
        reader.read().forEachRemaining(records::add);
        return records;
    }

    /** The records of one block, read straight from the resolver's file segment. */
    private List<Pair<Object, Object>> decode(BlockId.ShuffleBlockId blockId) {
        BlockData block = resolver.getBlockData(blockId).orElseThrow();
        Iterator<Pair<Object, Object>> values = serializer
                .newInstance()
                .deserializeStream(serializerManager.wrapForCompression(blockId, block.toInputStream()))
                .asKeyValueIterator(Pair::of);
        List<Pair<Object, Object>> records = new ArrayList<>();
        values.forEachRemaining(records::add);
        return records;
    }

    // ---- files ----

    private static long[] readIndex(File index) throws IOException {
        long[] offsets = new long[(int) (index.length() / Long.BYTES)];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(index)))) {
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.readLong();
            }
        }
        return offsets;
    }

    private static void rewriteIndex(File index, long... offsets) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(index))) {
            for (long offset : offsets) {
                out.writeLong(offset);
            }
        }
    }

    /** Overwrites every byte of one block of a map output's data file, keeping the file's length. */
    private void overwriteBlock(int shuffleId, long mapId, int reduceId) throws IOException {
        long[] offsets = readIndex(resolver.indexFile(shuffleId, mapId));
        long start = offsets[reduceId];
        byte[] garbage = new byte[(int) (offsets[reduceId + 1] - start)];
        Arrays.fill(garbage, (byte) 0x5A);
        try (FileChannel channel =
                FileChannel.open(resolver.dataFile(shuffleId, mapId).toPath(), StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(garbage);
            while (bytes.hasRemaining()) {
                channel.write(bytes, start + bytes.position());
            }
        }
    }

    /** Spill files and the bypass writer's per-partition files. */
    private long tempShuffleFiles() throws IOException {
        return filesStartingWith("temp_shuffle_");
    }

    /** Data and index files of map outputs, and their temporary versions before the commit. */
    private long shuffleOutputFiles() throws IOException {
        return filesStartingWith("shuffle_");
    }

    private long filesStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(localDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix))
                    .count();
        }
    }

    // ---- inputs and expected results ----

    private static Aggregator<Integer, Integer, Long> sum() {
        return new Aggregator<Integer, Integer, Long>(
                value -> (long) value, (total, value) -> total + value, Long::sum);
    }

    /** Collects the values of each key, as groupByKey does. */
    private static Aggregator<Integer, Integer, List<Integer>> collect() {
        return new Aggregator<Integer, Integer, List<Integer>>(
                value -> new ArrayList<>(List.of(value)),
                (values, value) -> {
                    values.add(value);
                    return values;
                },
                (first, second) -> {
                    first.addAll(second);
                    return first;
                });
    }

    /** Random pairs with keys in {@code [-keys / 2, keys / 2)}: negative hash codes included. */
    private static List<Pair<Integer, Integer>> intRecords(int count, int keys, long seed) {
        Random random = new Random(seed);
        List<Pair<Integer, Integer>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(Pair.of(random.nextInt(keys) - keys / 2, random.nextInt(1000)));
        }
        return records;
    }

    private static List<List<Pair<Integer, Integer>>> mapInputs(int maps, int recordsPerMap, int keys) {
        List<List<Pair<Integer, Integer>>> inputs = new ArrayList<>(maps);
        for (int map = 0; map < maps; map++) {
            inputs.add(intRecords(recordsPerMap, keys, 31L * map + 7));
        }
        return inputs;
    }

    /** Where a hash partitioner puts {@code key}, computed independently of it. */
    private static int expectedPartition(Object key, int numPartitions) {
        return Math.floorMod(key.hashCode(), numPartitions);
    }

    /** The records of {@code records} that belong in reduce partition {@code partition}, in their order. */
    private static <K, V> List<Pair<K, V>> ofPartition(List<Pair<K, V>> records, int partition, int numPartitions) {
        List<Pair<K, V>> result = new ArrayList<>();
        for (Pair<K, V> record : records) {
            if (expectedPartition(record.key(), numPartitions) == partition) {
                result.add(record);
            }
        }
        return result;
    }

    /** The records of every map input that belong in reduce partition {@code partition}. */
    private static <K, V> List<Pair<K, V>> allOfPartition(
            List<List<Pair<K, V>>> mapInputs, int partition, int numPartitions) {
        List<Pair<K, V>> result = new ArrayList<>();
        for (List<Pair<K, V>> input : mapInputs) {
            result.addAll(ofPartition(input, partition, numPartitions));
        }
        return result;
    }

    /** The records whose value says they were written by map {@code map}, in their order. */
    private static List<Pair<String, Integer>> fromMap(List<Pair<String, Integer>> records, int map) {
        List<Pair<String, Integer>> result = new ArrayList<>();
        for (Pair<String, Integer> record : records) {
            if (record.value() / SEQUENCE_BASE == map) {
                result.add(record);
            }
        }
        return result;
    }

    private static Map<Integer, Long> sumsByKey(List<Pair<Integer, Integer>> records) {
        Map<Integer, Long> sums = new HashMap<>();
        for (Pair<Integer, Integer> record : records) {
            sums.merge(record.key(), (long) record.value(), Long::sum);
        }
        return sums;
    }

    private static long distinctKeys(List<Pair<Integer, Integer>> records) {
        return records.stream().map(Pair::key).distinct().count();
    }

    private static <K> List<K> keys(List<? extends Pair<K, ?>> records) {
        List<K> keys = new ArrayList<>(records.size());
        for (Pair<K, ?> record : records) {
            keys.add(record.key());
        }
        return keys;
    }

    /** How many times each element occurs: compares large lists as multisets. */
    private static Map<Object, Long> counts(Collection<?> values) {
        Map<Object, Long> counts = new HashMap<>();
        for (Object value : values) {
            counts.merge(value, 1L, Long::sum);
        }
        return counts;
    }

    /** Yields the first {@code count} records, then fails as a map task's input can. */
    private static <T> Iterator<T> failingAfter(List<T> records, int count) {
        Iterator<T> delegate = records.iterator();
        return new Iterator<>() {
            private int returned;

            @Override
            public boolean hasNext() {
                if (returned == count) {
                    throw new IllegalStateException("injected failure after " + count + " records");
                }
                return delegate.hasNext();
            }

            @Override
            public T next() {
                returned++;
                return delegate.next();
            }
        };
    }

    /**
     * The context of a task run by hand. Like the executor's, it records fetch failures created while it is installed
     * on the thread, and runs its completion listeners newest first; here when {@link #complete()} is called.
     */
    private static final class TestTaskContext extends TaskContext implements FetchFailedException.Recorder {
        private final long taskAttemptId;
        private final TaskMetrics metrics;
        private final List<TaskCompletionListener> completionListeners = new ArrayList<>();
        private boolean completed;
        private FetchFailedException fetchFailure;

        TestTaskContext(long taskAttemptId, TaskMetrics metrics) {
            this.taskAttemptId = taskAttemptId;
            this.metrics = metrics;
        }

        /** Makes this the context {@link TaskContext#get()} returns on the current thread. */
        void install() {
            setCurrent(this);
        }

        /** Removes any context from the current thread. */
        static void uninstall() {
            setCurrent(null);
        }

        /** Ends the task: runs the completion listeners, newest first. */
        void complete() {
            if (completed) {
                return;
            }
            completed = true;
            for (int i = completionListeners.size() - 1; i >= 0; i--) {
                completionListeners.get(i).onTaskCompletion(this);
            }
            completionListeners.clear();
        }

        Optional<FetchFailedException> fetchFailure() {
            return Optional.ofNullable(fetchFailure);
        }

        @Override
        public void recordFetchFailure(FetchFailedException failure) {
            fetchFailure = failure;
        }

        @Override
        public int stageId() {
            return 0;
        }

        @Override
        public int stageAttemptNumber() {
            return 0;
        }

        @Override
        public int partitionId() {
            return 0;
        }

        @Override
        public int numPartitions() {
            return 1;
        }

        @Override
        public int attemptNumber() {
            return 0;
        }

        @Override
        public long taskAttemptId() {
            return taskAttemptId;
        }

        @Override
        public boolean isCompleted() {
            return completed;
        }

        @Override
        public boolean isInterrupted() {
            return false;
        }

        @Override
        public Optional<String> killReason() {
            return Optional.empty();
        }

        @Override
        public void killTaskIfInterrupted() {}

        @Override
        public TaskContext addTaskCompletionListener(TaskCompletionListener listener) {
            if (completed) {
                listener.onTaskCompletion(this);
            } else {
                completionListeners.add(listener);
            }
            return this;
        }

        @Override
        public TaskContext addTaskFailureListener(TaskFailureListener listener) {
            return this;
        }

        @Override
        public String getLocalProperty(String key) {
            return null;
        }

        @Override
        public TaskMetrics taskMetrics() {
            return metrics;
        }
    }
}
