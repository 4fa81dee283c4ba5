package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.Aggregator;
import dev.ember.EmberConf;
import dev.ember.HashPartitioner;
import dev.ember.Pair;
import dev.ember.Partitioner;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.NamedReduction;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoSerializer;
import dev.ember.serializer.Serializer;
import dev.ember.shuffle.IndexShuffleBlockResolver;
import dev.ember.shuffle.LocalDiskShuffleMapOutputWriter;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.SerializerManager;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spilling sorter with a tiny memory budget: whatever spills, the merged output must equal the same
 * aggregation or sort done in plain Java.
 */
class ExternalSorterTest {
    /** A key whose hash codes collide a lot: merging by hash must still tell keys apart with equals. */
    record CollidingKey(int id) implements Serializable {
        @Override
        public int hashCode() {
            return id % 37;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CollidingKey key && key.id == id;
        }
    }

    @TempDir
    Path localDir;

    private EmberConf conf;
    private DiskBlockManager diskBlockManager;
    private SerializerManager serializerManager;
    private Serializer serializer;
    private TaskMetrics metrics;
    private final List<ExternalSorter<?, ?, ?>> sorters = new ArrayList<>();

    @BeforeEach
    void setUp() {
        conf = new EmberConf(false).set("ember.local.dir", localDir.toString());
        diskBlockManager = new DiskBlockManager(conf);
        serializer = new KryoSerializer(conf);
        serializerManager = new SerializerManager(serializer, conf);
        metrics = new TaskMetrics();
    }

    @AfterEach
    void tearDown() {
        sorters.forEach(ExternalSorter::stop);
        diskBlockManager.stop();
    }

    /** A spill context with {@code memory} bytes of execution memory and spill batches of 100 records. */
    private SpillContext spillContext(long memory) {
        UnifiedMemoryManager memoryManager = new UnifiedMemoryManager(memory, memory / 2, 0, 0);
        return new SpillContext(
                new TaskMemoryManager(memoryManager, 1),
                serializerManager,
                diskBlockManager,
                metrics,
                4096,
                100,
                8192,
                Long.MAX_VALUE);
    }

    private <K, V, C> ExternalSorter<K, V, C> sorter(
            long memory, Aggregator<K, V, C> aggregator, Partitioner partitioner, Comparator<? super K> ordering) {
        ExternalSorter<K, V, C> sorter =
                new ExternalSorter<>(spillContext(memory), aggregator, partitioner, ordering, serializer);
        sorters.add(sorter);
        return sorter;
    }

    private static List<Pair<CollidingKey, Integer>> records(int count, int keys, long seed) {
        Random random = new Random(seed);
        List<Pair<CollidingKey, Integer>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(Pair.of(new CollidingKey(random.nextInt(keys)), random.nextInt(1000)));
        }
        return records;
    }

    /** How many times each element occurs: a linear-time multiset comparison for large lists. */
    private static <T> Map<T, Long> counts(List<T> values) {
        Map<T, Long> counts = new HashMap<>();
        values.forEach(value -> counts.merge(value, 1L, Long::sum));
        return counts;
    }

    private long spillFiles() throws IOException {
        try (Stream<Path> files = Files.walk(localDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("temp_shuffle_"))
                    .count();
        }
    }

    @Test
    void aggregationAcrossManySpillsMatchesPlainJava() throws IOException {
        List<Pair<CollidingKey, Integer>> records = records(120_000, 4000, 1);
        HashPartitioner partitioner = new HashPartitioner(7);
        Aggregator<CollidingKey, Integer, Long> sum =
                new Aggregator<>(value -> (long) value, (total, value) -> total + value, Long::sum);
        ExternalSorter<CollidingKey, Integer, Long> sorter = sorter(200_000, sum, partitioner, null);
        sorter.insertAll(records.iterator());
        assertThat(sorter.spillCount()).as("the budget forces spills").isGreaterThan(2);
        assertThat(spillFiles()).isEqualTo(sorter.spillCount());

        Map<Integer, Map<CollidingKey, Long>> expected = new HashMap<>();
        for (Pair<CollidingKey, Integer> record : records) {
            expected.computeIfAbsent(partitioner.getPartition(record.key()), ignored -> new HashMap<>())
                    .merge(record.key(), (long) record.value(), Long::sum);
        }
        Map<Integer, Map<CollidingKey, Long>> actual = new HashMap<>();
        List<Integer> partitionOrder = new ArrayList<>();
        Iterator<Pair<Integer, Iterator<Pair<CollidingKey, Long>>>> partitions = sorter.partitionedIterator();
        while (partitions.hasNext()) {
            Pair<Integer, Iterator<Pair<CollidingKey, Long>>> partition = partitions.next();
            partitionOrder.add(partition.key());
            Map<CollidingKey, Long> sums = actual.computeIfAbsent(partition.key(), ignored -> new HashMap<>());
            partition.value().forEachRemaining(pair -> assertThat(sums.put(pair.key(), pair.value()))
                    .as("each key appears once per partition: %s", pair.key())
                    .isNull());
        }
        assertThat(partitionOrder).isSorted();
        actual.values().removeIf(Map::isEmpty);
        assertThat(actual).isEqualTo(expected);
        assertThat(metrics.diskBytesSpilled()).isPositive();
        assertThat(metrics.memoryBytesSpilled()).isPositive();

        sorter.stop();
        assertThat(spillFiles()).as("stop deletes the spill files").isZero();
    }

    /** Everything a sorter gives back, by key. */
    private static <K, C> Map<K, C> drain(ExternalSorter<K, ?, C> sorter) {
        Map<K, C> all = new HashMap<>();
        sorter.iterator().forEachRemaining(pair -> {
            assertThat(all).as("each key once").doesNotContainKey(pair.key());
            all.put(pair.key(), pair.value());
        });
        return all;
    }

    @Test
    void mergingInPlaceGivesWhatTheWrittenOutFunctionGivesAcrossSpills() {
        Random random = new Random(17);
        List<Pair<Integer, Long>> records = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            records.add(Pair.of(random.nextInt(5000), random.nextLong()));
        }
        // Keys that appear once with a null value: kept as null, since the function never sees them.
        for (int key = 10_000; key < 10_100; key++) {
            records.add(Pair.of(key, null));
        }
        HashPartitioner partitioner = new HashPartitioner(5);
        ExternalSorter<Integer, Long, Long> inPlace =
                sorter(150_000, new Aggregator<>(value -> value, Long::sum, Long::sum), partitioner, null);
        ExternalSorter<Integer, Long, Long> written = sorter(
                150_000,
                new Aggregator<Integer, Long, Long>(value -> value, (a, b) -> a + b, (a, b) -> a + b),
                partitioner,
                null);
        inPlace.insertAll(records.iterator());
        written.insertAll(records.iterator());
        assertThat(inPlace.spillCount()).as("the budget forces spills").isGreaterThan(1);

        Map<Integer, Long> expected = drain(written);
        assertThat(expected).hasSize(5100).containsEntry(10_000, null);
        assertThat(drain(inPlace)).isEqualTo(expected);
    }

    @Test
    void groupingAcrossSpillsKeepsEveryValueInArrivalOrder() {
        Random random = new Random(31);
        List<Pair<Object, Object>> longs = new ArrayList<>();
        List<Pair<Object, Object>> objects = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            longs.add(Pair.of((long) random.nextInt(4000), random.nextLong()));
            objects.add(Pair.of(new CollidingKey(random.nextInt(4000)), random.nextInt(10) == 0 ? null : "v" + i));
        }
        // Long keys and values that turn into objects half way: a key of another class, then a null value.
        List<Pair<Object, Object>> mixed = new ArrayList<>(longs.subList(0, 30_000));
        mixed.add(Pair.of("a string key", 1L));
        mixed.add(Pair.of(5L, null));
        mixed.addAll(objects.subList(0, 30_000));
        for (List<Pair<Object, Object>> records : List.of(longs, objects, mixed)) {
            for (Partitioner partitioner : Arrays.asList(null, new HashPartitioner(4))) {
                ExternalSorter<Object, Object, CompactBuffer<Object>> sorter =
                        sorter(100_000, CompactBuffer.grouping(), partitioner, null);
                sorter.insertAll(records.iterator());
                assertThat(sorter.spillCount()).as("the budget forces spills").isGreaterThan(1);

                Map<Object, List<Object>> expected = new HashMap<>();
                records.forEach(record -> expected.computeIfAbsent(record.key(), ignored -> new ArrayList<>())
                        .add(record.value()));
                assertThat(drain(sorter)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aReductionOfLongsGivesWhatTheWrittenOutFunctionGives() {
        Random random = new Random(19);
        List<Pair<Long, Long>> longs = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            // Key 0 included: the long map keeps it beside its table.
            longs.add(Pair.of((long) random.nextInt(6000) - 3000, random.nextLong()));
        }
        List<Pair<Long, Long>> withNullKey = new ArrayList<>(longs);
        withNullKey.add(50_000, Pair.of(null, 7L));
        List<Pair<Long, Long>> withNullValue = new ArrayList<>(longs);
        withNullValue.add(60_000, Pair.of(10_000L, null));
        HashPartitioner partitioner = new HashPartitioner(5);
        for (List<Pair<Long, Long>> records : List.of(longs, withNullKey, withNullValue)) {
            ExternalSorter<Long, Long, Long> reduced =
                    sorter(150_000, Aggregator.<Long, Long>reducing(Long::max), partitioner, null);
            assertThat(reduced.reductionStage()).isEqualTo(ExternalSorter.ReductionStage.LONG_KEYS);
            ExternalSorter<Long, Long, Long> written = sorter(
                    150_000,
                    new Aggregator<Long, Long, Long>(
                            Function.identity(), (a, b) -> a >= b ? a : b, (a, b) -> a >= b ? a : b),
                    partitioner,
                    null);
            reduced.insertAll(records.iterator());
            written.insertAll(records.iterator());
            assertThat(reduced.spillCount()).as("the budget forces spills").isGreaterThan(1);
            Map<Long, Long> expected = drain(written);
            assertThat(expected).containsKey(0L);
            assertThat(drain(reduced)).isEqualTo(expected);
        }
    }

    /** The named reducers take the reduction map and give, across spills, what the general path gives. */
    @Test
    void namedReducersTakeTheReductionMapAndGiveWhatTheGeneralPathGives() {
        Random random = new Random(23);
        List<Pair<Object, Long>> records = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            // Null keys too: the long map hands its entries to the object map, which keeps a null key beside it.
            Object key = random.nextInt(1000) == 0 ? null : (Object) (long) (random.nextInt(5000) - 2500);
            records.add(Pair.of(key, random.nextLong()));
        }
        HashPartitioner partitioner = new HashPartitioner(4);
        List<NamedReduction<Long>> reducers = List.of(Reducers.longSum(), Reducers.longMax(), Reducers.longMin());
        for (NamedReduction<Long> reducer : reducers) {
            Aggregator<Object, Long, Long> named = Aggregator.reducing(reducer);
            assertThat(named.reduction()).contains(reducer.reduction());
            ExternalSorter<Object, Long, Long> fast = sorter(100_000, named, partitioner, null);
            assertThat(fast.reductionStage()).isEqualTo(ExternalSorter.ReductionStage.LONG_KEYS);
            // The same arithmetic, unnamed: a general aggregator, called per record.
            Function2<Long, Long, Long> unnamed = (a, b) -> reducer.call(a, b);
            ExternalSorter<Object, Long, Long> general =
                    sorter(100_000, Aggregator.<Object, Long>reducing(unnamed), partitioner, null);
            assertThat(general.reductionStage()).isNull();
            fast.insertAll(records.iterator());
            general.insertAll(records.iterator());
            assertThat(fast.spillCount()).as("the budget forces spills").isGreaterThan(1);
            assertThat(fast.reductionStage()).isEqualTo(ExternalSorter.ReductionStage.OBJECT_KEYS);
            Map<Object, Long> expected = drain(general);
            assertThat(expected).containsKey(null);
            assertThat(drain(fast)).as("%s", reducer).isEqualTo(expected);
        }
    }

    @Test
    void aDoubleSumByIntegerKeyGivesWhatTheWrittenOutFunctionGives() {
        Random random = new Random(43);
        List<Pair<Object, Double>> records = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            // Eighths: exact sums, so spilling at other points cannot change a bit.
            records.add(Pair.of(random.nextInt(4000), (random.nextInt(80_000) - 40_000) / 8.0));
        }
        List<Pair<Object, Double>> withLongKey = new ArrayList<>(records);
        withLongKey.add(40_000, Pair.of(12L, 1.5));
        HashPartitioner partitioner = new HashPartitioner(4);
        for (List<Pair<Object, Double>> input : List.of(records, withLongKey)) {
            ExternalSorter<Object, Double, Double> reduced =
                    sorter(100_000, Aggregator.<Object, Double>reducing(Double::sum), partitioner, null);
            ExternalSorter<Object, Double, Double> written = sorter(
                    100_000,
                    new Aggregator<Object, Double, Double>(Function.identity(), (a, b) -> a + b, (a, b) -> a + b),
                    partitioner,
                    null);
            reduced.insertAll(input.iterator());
            written.insertAll(input.iterator());
            assertThat(reduced.spillCount()).as("the budget forces spills").isGreaterThan(1);
            assertThat(reduced.reductionStage())
                    .isEqualTo(
                            input == records
                                    ? ExternalSorter.ReductionStage.LONG_KEYS
                                    : ExternalSorter.ReductionStage.OBJECT_KEYS);
            assertThat(drain(reduced)).isEqualTo(drain(written));
        }
    }

    /** The sorter belongs to the task thread that made it: another thread inserting is a bug, caught by assert. */
    @Test
    void anotherThreadMayNotInsertOrRead() throws Exception {
        assumeTrue(ExternalSorter.class.desiredAssertionStatus(), "assertions are enabled");
        ExternalSorter<Integer, Integer, Integer> sorter = sorter(100_000, null, null, null);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> insert =
                    other.submit(() -> sorter.insertAll(List.of(Pair.of(1, 1)).iterator()));
            assertThatThrownBy(() -> insert.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssertionError.class)
                    .hasMessageContaining("not the sorter's task thread");
            Future<?> read = other.submit(sorter::iterator);
            assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(AssertionError.class);
        } finally {
            other.shutdownNow();
        }
        sorter.insertAll(List.of(Pair.of(1, 1)).iterator());
        assertThat(drain(sorter)).containsExactly(Map.entry(1, 1));
    }

    @Test
    void sortingAcrossSpillsKeepsDuplicatesInOrder() {
        Random random = new Random(5);
        List<Pair<Integer, String>> records = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int key = random.nextInt(10_000);
            records.add(Pair.of(key, "v" + i));
        }
        ExternalSorter<Integer, String, String> sorter = sorter(150_000, null, null, Comparator.naturalOrder());
        sorter.insertAll(records.iterator());
        assertThat(sorter.spillCount()).isGreaterThan(1);
        List<Pair<Integer, String>> sorted = new ArrayList<>();
        sorter.iterator().forEachRemaining(sorted::add);
        assertThat(sorted).hasSize(records.size());
        assertThat(sorted.stream().map(Pair::key).toList()).isSorted();
        assertThat(counts(sorted)).isEqualTo(counts(records));
    }

    /**
     * The general map (a lambda as createCombiner) and the reduction map ({@code Function.identity()}, which
     * {@link Aggregator#of} makes a reduction of).
     */
    @ParameterizedTest(name = "identity function: {0}")
    @ValueSource(booleans = {false, true})
    void aggregationWithAnOrderingCombinesEqualKeysAcrossSpills(boolean identity) {
        List<Pair<Integer, Integer>> records = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 60_000; i++) {
            records.add(Pair.of(random.nextInt(3000), 1));
        }
        Aggregator<Integer, Integer, Integer> count =
                Aggregator.of(identity ? Function.identity() : value -> value, Integer::sum, Integer::sum);
        assertThat(count.kind())
                .isEqualTo(identity ? new Aggregator.Kind.Reduction(ReductionKind.INT_SUM) : Aggregator.Kind.GENERAL);
        ExternalSorter<Integer, Integer, Integer> sorter =
                sorter(identity ? 40_000 : 100_000, count, new HashPartitioner(3), Comparator.<Integer>reverseOrder());
        sorter.insertAll(records.iterator());
        assertThat(sorter.reductionStage()).isEqualTo(identity ? ExternalSorter.ReductionStage.LONG_KEYS : null);
        assertThat(sorter.spillCount()).isGreaterThan(1);
        Map<Integer, Integer> expected = new HashMap<>();
        records.forEach(record -> expected.merge(record.key(), 1, Integer::sum));
        Iterator<Pair<Integer, Iterator<Pair<Integer, Integer>>>> partitions = sorter.partitionedIterator();
        Map<Integer, Integer> actual = new HashMap<>();
        while (partitions.hasNext()) {
            List<Integer> keys = new ArrayList<>();
            partitions.next().value().forEachRemaining(pair -> {
                keys.add(pair.key());
                actual.put(pair.key(), pair.value());
            });
            assertThat(keys).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void nullKeysAndValuesSurviveSpills() {
        List<Pair<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(Pair.of(i % 10 == 0 ? null : "k" + (i % 500), i % 7 == 0 ? null : "v"));
        }
        Aggregator<String, String, Integer> count =
                new Aggregator<>(value -> 1, (total, value) -> total + 1, Integer::sum);
        ExternalSorter<String, String, Integer> sorter = sorter(60_000, count, new HashPartitioner(4), null);
        sorter.insertAll(records.iterator());
        Map<String, Integer> actual = new HashMap<>();
        sorter.iterator().forEachRemaining(pair -> actual.put(pair.key(), pair.value()));
        assertThat(actual.get(null)).isEqualTo(2000);
        assertThat(actual).hasSize(1 + 450);
        assertThat(actual.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20_000);
    }

    @Test
    void partitionsWithoutAggregationKeepEveryRecord() {
        List<Pair<Integer, Integer>> records = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            records.add(Pair.of(i * 31 % 1000, i));
        }
        HashPartitioner partitioner = new HashPartitioner(11);
        ExternalSorter<Integer, Integer, Integer> sorter = sorter(80_000, null, partitioner, null);
        sorter.insertAll(records.iterator());
        assertThat(sorter.spillCount()).isPositive();
        Iterator<Pair<Integer, Iterator<Pair<Integer, Integer>>>> partitions = sorter.partitionedIterator();
        List<Pair<Integer, Integer>> all = new ArrayList<>();
        while (partitions.hasNext()) {
            Pair<Integer, Iterator<Pair<Integer, Integer>>> partition = partitions.next();
            partition.value().forEachRemaining(pair -> {
                assertThat(partitioner.getPartition(pair.key())).isEqualTo(partition.key());
                all.add(pair);
            });
        }
        assertThat(counts(all)).isEqualTo(counts(records));
    }

    @Test
    void writesAMapOutputReadableBlockByBlock() throws IOException {
        List<Pair<CollidingKey, Integer>> records = records(40_000, 1500, 3);
        HashPartitioner partitioner = new HashPartitioner(5);
        Aggregator<CollidingKey, Integer, Long> sum =
                new Aggregator<>(value -> (long) value, (total, value) -> total + value, Long::sum);
        ExternalSorter<CollidingKey, Integer, Long> sorter = sorter(120_000, sum, partitioner, null);
        sorter.insertAll(records.iterator());
        assertThat(sorter.spillCount()).isPositive();

        IndexShuffleBlockResolver resolver = new IndexShuffleBlockResolver(diskBlockManager);
        LocalDiskShuffleMapOutputWriter writer = new LocalDiskShuffleMapOutputWriter(3, 77, 5, resolver, 8192);
        sorter.writePartitionedMapOutput(3, 77, writer);
        long[] lengths = writer.commitAllPartitions().partitionLengths();
        assertThat(resolver.dataFile(3, 77))
                .hasSize(java.util.Arrays.stream(lengths).sum());

        Map<CollidingKey, Long> expected = new HashMap<>();
        records.forEach(record -> expected.merge(record.key(), (long) record.value(), Long::sum));
        Map<CollidingKey, Long> actual = new HashMap<>();
        for (int reduce = 0; reduce < 5; reduce++) {
            BlockId.ShuffleBlockId blockId = new BlockId.ShuffleBlockId(3, 77, reduce);
            BlockData block = resolver.getBlockData(blockId).orElseThrow();
            assertThat(block.size()).isEqualTo(lengths[reduce]);
            if (block.size() == 0) {
                continue;
            }
            int partition = reduce;
            Iterator<Pair<Object, Object>> values = serializer
                    .newInstance()
                    .deserializeStream(serializerManager.wrapForCompression(blockId, block.toInputStream()))
                    .asKeyValueIterator(Pair::of);
            values.forEachRemaining(pair -> {
                CollidingKey key = (CollidingKey) pair.key();
                assertThat(partitioner.getPartition(key)).isEqualTo(partition);
                assertThat(actual.put(key, (Long) pair.value())).isNull();
            });
        }
        assertThat(actual).isEqualTo(expected);

        resolver.removeDataByMap(3, 77);
        assertThat(resolver.getBlockData(new BlockId.ShuffleBlockId(3, 77, 0))).isEmpty();
    }

    /**
     * A map output sorted by key: records serialized as inserted (Kryo) or kept as objects (Java serialization),
     * with plenty of memory or spilling many times. Each block must hold its partition's records in key order, equal
     * keys in the order they were inserted.
     */
    @ParameterizedTest
    @CsvSource({"kryo, 64000000", "kryo, 60000", "java, 64000000", "java, 60000"})
    void sortedMapOutputHoldsEachPartitionInKeyOrder(String serializerName, long memory) throws IOException {
        Serializer chosen = Serializer.fromConf(new EmberConf(false).set("ember.serializer", serializerName));
        SerializerManager manager = new SerializerManager(chosen, conf);
        Random random = new Random(17);
        List<Pair<String, Integer>> records = new ArrayList<>();
        for (int position = 0; position < 30_000; position++) {
            // Every 97th value is null: the serialized path must carry nulls too.
            records.add(Pair.of("key-" + random.nextInt(3_000), position % 97 == 0 ? null : position));
        }
        HashPartitioner partitioner = new HashPartitioner(4);
        SpillContext context = spillContext(memory);
        ExternalSorter<String, Integer, Integer> sorter = ExternalSorter.forSortedMapOutput(
                new SpillContext(
                        context.taskMemoryManager(),
                        manager,
                        diskBlockManager,
                        metrics,
                        4096,
                        100,
                        8192,
                        Long.MAX_VALUE),
                partitioner,
                Comparator.naturalOrder(),
                chosen);
        sorters.add(sorter);
        sorter.insertAll(records.iterator());
        if (memory < 1_000_000) {
            assertThat(sorter.spillCount()).as("a tiny budget spills").isPositive();
        } else {
            assertThat(sorter.spillCount()).isZero();
        }

        IndexShuffleBlockResolver resolver = new IndexShuffleBlockResolver(diskBlockManager);
        LocalDiskShuffleMapOutputWriter writer = new LocalDiskShuffleMapOutputWriter(5, 9, 4, resolver, 8192);
        sorter.writePartitionedMapOutput(5, 9, writer);
        writer.commitAllPartitions();
        assertThat(metrics.shuffleWriteMetrics().recordsWritten()).isEqualTo(records.size());

        List<Object> all = new ArrayList<>();
        for (int reduce = 0; reduce < 4; reduce++) {
            BlockId.ShuffleBlockId blockId = new BlockId.ShuffleBlockId(5, 9, reduce);
            BlockData block = resolver.getBlockData(blockId).orElseThrow();
            List<Object> read = new ArrayList<>();
            chosen.newInstance()
                    .deserializeStream(manager.wrapForCompression(blockId, block.toInputStream()))
                    .asKeyValueIterator(Pair::of)
                    .forEachRemaining(read::add);
            List<Pair<String, Integer>> expected = new ArrayList<>();
            for (Pair<String, Integer> record : records) {
                if (partitioner.getPartition(record.key()) == reduce) {
                    expected.add(record);
                }
            }
            // A stable sort: equal keys keep their insertion order.
            expected.sort(Comparator.comparing(Pair::key));
            assertThat(read).as("block %d", reduce).containsExactlyElementsOf(expected);
            all.addAll(read);
        }
        assertThat(all).hasSameSizeAs(records);
    }

    @Test
    void aSerializedRecordLargerThanAPageIsKeptWhole() throws IOException {
        List<Pair<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(Pair.of("small-" + (199 - i), "value-" + i));
        }
        String large = "x".repeat(700_000);
        records.add(Pair.of("large", large));
        records.add(Pair.of("after", "the large one"));
        ExternalSorter<String, String, String> sorter = ExternalSorter.forSortedMapOutput(
                spillContext(64_000_000), new HashPartitioner(1), Comparator.naturalOrder(), serializer);
        sorters.add(sorter);
        sorter.insertAll(records.iterator());

        IndexShuffleBlockResolver resolver = new IndexShuffleBlockResolver(diskBlockManager);
        LocalDiskShuffleMapOutputWriter writer = new LocalDiskShuffleMapOutputWriter(6, 1, 1, resolver, 8192);
        sorter.writePartitionedMapOutput(6, 1, writer);
        writer.commitAllPartitions();
        BlockId.ShuffleBlockId blockId = new BlockId.ShuffleBlockId(6, 1, 0);
        List<Object> read = new ArrayList<>();
        serializer
                .newInstance()
                .deserializeStream(serializerManager.wrapForCompression(
                        blockId, resolver.getBlockData(blockId).orElseThrow().toInputStream()))
                .asKeyValueIterator(Pair::of)
                .forEachRemaining(read::add);
        List<Pair<String, String>> expected = new ArrayList<>(records);
        expected.sort(Comparator.comparing(Pair::key));
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void mapOutputWriterRefusesPartitionsOutOfOrder() throws IOException {
        IndexShuffleBlockResolver resolver = new IndexShuffleBlockResolver(diskBlockManager);
        LocalDiskShuffleMapOutputWriter writer = new LocalDiskShuffleMapOutputWriter(1, 2, 4, resolver, 1024);
        try (var out = writer.getPartitionWriter(2).openStream()) {
            out.write(new byte[] {1, 2, 3});
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.getPartitionWriter(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing order");
        long[] lengths = writer.commitAllPartitions().partitionLengths();
        assertThat(lengths).containsExactly(0, 0, 3, 0);
        assertThat(Objects.requireNonNull(resolver.getBlockData(new BlockId.ShuffleBlockId(1, 2, 2))
                                .orElseThrow())
                        .toChunkedByteBuffer()
                        .toArray())
                .containsExactly(1, 2, 3);
    }
}
