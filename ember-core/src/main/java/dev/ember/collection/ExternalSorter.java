package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.Partitioner;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.Serializer;
import dev.ember.serializer.SerializerInstance;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.shuffle.api.ShufflePartitionWriter;
import dev.ember.storage.BlockId;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts, and optionally aggregates by key, records of one task, spilling to disk when memory runs short. The
 * engine of the sort shuffle's map side and of aggregation and sorting on the reduce side.
 *
 * <pre>
 *   insertAll ──▶ in-memory map (with aggregator) or buffer (without, or grouping by key)
 *                   │  too big and no more memory granted?
 *                   ▼
 *                 sort by (partition, key) ──▶ spill file (batches of records, each a compressed stream)
 *   read      ──▶ per partition: merge the spills and what is still in memory ({@link SpillMerge})
 * </pre>
 *
 * Keys within a partition are ordered by {@code ordering} when given; with an aggregator but no ordering they are
 * ordered by hash code, which is enough to merge spills ({@link KeyOrder}). The in-memory collection follows from
 * the aggregator's {@link Aggregator.Kind}:
 *
 * <ul>
 *   <li>{@link Aggregator.Kind.Reduction}: a {@link ReductionMap} (primitive combiners), moving on to the
 *       {@link PartitionedAppendOnlyMap} for good at the first value the reduction cannot take;
 *   <li>{@link Aggregator.Kind.Grouping} without an ordering ({@code groupByKey}): a {@link GroupBuffer}, which
 *       appends the records and groups them when read, rather than adding each to a buffer per key in a map;
 *   <li>any other aggregator: a {@link PartitionedAppendOnlyMap}, merging in place when {@code mergeValue} names a
 *       reduction ({@link InPlaceMerge});
 *   <li>no aggregator: a {@link PartitionedPairBuffer}, or a {@link SerializedPairBuffer} for
 *       {@link #forSortedMapOutput}.
 * </ul>
 *
 * Owned by the task thread that makes it, which alone inserts and starts reading (checked under {@code assert});
 * {@link #stop()} deletes the spill files and returns the memory, and must be called (the task does so on
 * completion).
 *
 * @param <K> key
 * @param <V> value inserted
 * @param <C> value produced: the combiner when aggregating, otherwise the same as {@code V}
 */
public final class ExternalSorter<K, V, C> extends MemoryConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalSorter.class);

    /** Where a reduction ({@link Aggregator.Kind.Reduction}) keeps its combiners; it only ever moves down this list. */
    enum ReductionStage {
        /** A {@link ReductionMap} with {@code Long} or {@code Integer} keys in a long array. */
        LONG_KEYS,
        /** A {@link ReductionMap} with object keys, from the first key of another class. */
        OBJECT_KEYS,
        /** The {@link PartitionedAppendOnlyMap}, from the first value the reduction cannot take. */
        GENERIC
    }

    private final SpillContext spill;
    private final Aggregator<K, V, C> aggregator;
    /** The aggregator the in-memory map uses: {@code aggregator}, merging in place where it can. */
    private final Aggregator<K, V, C> mapAggregator;

    private final Partitioner partitioner;
    private final int numPartitions;
    /** The ordering asked for: none, or a comparator. */
    private final KeyOrder<? super K> ordering;
    /** The order of spills and of their merge: the ordering, or by hash code when only aggregating. */
    private final KeyOrder<? super K> spillOrder;

    private final Serializer serializer;
    /** The task thread that inserts and starts reading. */
    private final Thread owner = Thread.currentThread();

    private PartitionedAppendOnlyMap<K, C> map;
    /**
     * Used instead of {@code map} for a reduction (see {@link ReductionMap}): with long keys until a key
     * of another class, then with object keys; a value the reduction cannot take moves the entries on to {@code map}
     * from either. A step down is for the rest of this sorter's life.
     */
    private ReductionMap reductionMap;

    /** The reduction the reduction map computes; null when the aggregator is not one. */
    private final InPlaceMerge.Reduction reduction;

    /** Where the reduction's combiners are; null when the aggregator is not a reduction. */
    private ReductionStage reductionStage;
    /**
     * Without an aggregator: serialized when {@code keepSerialized} (see {@link #forSortedMapOutput}). Also holds
     * the records of a grouping, whose cursor gives combiners.
     */
    private PairBuffer<K, C> buffer;

    /** Whether the aggregator is a grouping and no ordering is asked for. */
    private final boolean grouping;

    private final boolean keepSerialized;
    private final List<SpillFile> spills = new ArrayList<>();
    /** The merge of the spill files while reading; closed by {@link #stop()} if the caller stopped early. */
    private SpillMerge<K, C> merge;

    private long elementsSinceSpill;
    private long memoryThreshold;
    private long peakMemoryUsed;
    private boolean reading;
    private boolean stopped;

    public ExternalSorter(
            SpillContext spill,
            Aggregator<K, V, C> aggregator,
            Partitioner partitioner,
            Comparator<? super K> ordering,
            Serializer serializer) {
        this(spill, aggregator, partitioner, ordering, serializer, false);
    }

    /**
     * A sorter for a map task's output ordered by key within each partition, without aggregation. When the
     * serializer lets records be reordered, records are serialized as they are inserted and their bytes are copied
     * out in order by {@link #writePartitionedMapOutput} (see {@link SerializedPairBuffer}).
     */
    public static <K, V> ExternalSorter<K, V, V> forSortedMapOutput(
            SpillContext spill, Partitioner partitioner, Comparator<? super K> ordering, Serializer serializer) {
        return new ExternalSorter<>(
                spill,
                null,
                Objects.requireNonNull(partitioner, "partitioner is null"),
                Objects.requireNonNull(ordering, "ordering is null"),
                serializer,
                serializer.supportsRelocationOfSerializedObjects());
    }

    private ExternalSorter(
            SpillContext spill,
            Aggregator<K, V, C> aggregator,
            Partitioner partitioner,
            Comparator<? super K> ordering,
            Serializer serializer,
            boolean keepSerialized) {
        super(spill.taskMemoryManager(), MemoryMode.ON_HEAP);
        this.keepSerialized = keepSerialized;
        this.spill = spill;
        this.aggregator = aggregator;
        this.mapAggregator = aggregator == null ? null : InPlaceMerge.specialize(aggregator);
        this.reduction = aggregator == null
                ? null
                : aggregator.reduction().map(InPlaceMerge::reduction).orElse(null);
        this.reductionStage = reduction == null ? null : ReductionStage.LONG_KEYS;
        this.grouping = aggregator != null && ordering == null && aggregator.kind() instanceof Aggregator.Kind.Grouping;
        this.partitioner = partitioner;
        this.numPartitions = partitioner == null ? 1 : partitioner.numPartitions();
        this.ordering = KeyOrder.byOrNone(ordering);
        this.spillOrder = ordering != null ? this.ordering : aggregator != null ? KeyOrder.byHash() : KeyOrder.none();
        this.serializer = serializer;
        this.memoryThreshold = spill.initialMemoryThreshold();
        newCollection();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void newCollection() {
        if (grouping) {
            buffer = (PairBuffer) new GroupBuffer();
        } else if (reductionStage == ReductionStage.LONG_KEYS || reductionStage == ReductionStage.OBJECT_KEYS) {
            reductionMap = reductionStage == ReductionStage.LONG_KEYS
                    ? new ReductionMap.LongKeys(reduction)
                    : new ReductionMap.ObjectKeys(reduction, 0);
        } else if (aggregator != null) {
            map = new PartitionedAppendOnlyMap<>();
        } else if (keepSerialized) {
            buffer = new SerializedPairBuffer<>(serializer.newInstance(), numPartitions, 64);
        } else {
            buffer = new PartitionedPairBuffer<>(64);
        }
    }

    private int partitionOf(K key) {
        return partitioner == null ? 0 : partitioner.getPartition(key);
    }

    // ---- insertion ----

    /** Adds every record of {@code records}. */
    @SuppressWarnings("unchecked")
    public void insertAll(Iterator<? extends Pair<K, V>> records) {
        assert inOwnerThread() : "insertAll on " + Thread.currentThread() + ", not the sorter's task thread " + owner;
        if (reading) {
            throw new IllegalStateException("insertAll after reading has started");
        }
        if (aggregator != null && !grouping) {
            while (records.hasNext()) {
                Pair<K, V> record = records.next();
                K key = record.key();
                int partition = partitionOf(key);
                if (reductionMap == null) {
                    map.insert(partition, key, record.value(), mapAggregator);
                } else if (!reductionMap.insert(partition, key, record.value())) {
                    moveOn(partition, key, record.value());
                }
                elementsSinceSpill++;
                maybeSpill(currentSize());
            }
        } else {
            while (records.hasNext()) {
                Pair<K, V> record = records.next();
                K key = record.key();
                buffer.insert(partitionOf(key), key, (C) record.value());
                elementsSinceSpill++;
                maybeSpill(currentSize());
            }
        }
    }

    /**
     * Moves the entries of a reduction map that refused a record to the next kind of map, for good, and inserts the
     * record there: a key of another class leaves the long keys for object keys, anything else leaves for the map
     * that holds anything.
     */
    @SuppressWarnings("unchecked")
    private void moveOn(int partition, K key, V value) {
        if (reductionStage == ReductionStage.LONG_KEYS && reduction.takes(value)) {
            reductionMap = reductionMap.toObjectKeys();
            reductionStage = ReductionStage.OBJECT_KEYS;
            if (reductionMap.insert(partition, key, value)) {
                return;
            }
        }
        map = reductionMap.toGeneric((Aggregator<K, C, C>) mapAggregator);
        reductionMap = null;
        reductionStage = ReductionStage.GENERIC;
        map.insert(partition, key, value, mapAggregator);
    }

    private long currentSize() {
        if (reductionMap != null) {
            return reductionMap.estimateSize();
        }
        if (map != null) {
            return map.estimateSize();
        }
        return buffer == null ? 0 : buffer.estimateSize();
    }

    private int currentCount() {
        if (reductionMap != null) {
            return reductionMap.size();
        }
        if (map != null) {
            return map.size();
        }
        return buffer == null ? 0 : buffer.size();
    }

    /** Spills when the collection outgrows the memory this sorter could get. */
    private void maybeSpill(long currentMemory) {
        peakMemoryUsed = Math.max(peakMemoryUsed, currentMemory);
        boolean shouldSpill = false;
        if (elementsSinceSpill % 32 == 0 && currentMemory >= memoryThreshold) {
            long granted = acquireMemory(2 * currentMemory - memoryThreshold);
            memoryThreshold += granted;
            shouldSpill = currentMemory >= memoryThreshold;
        }
        if (shouldSpill || elementsSinceSpill > spill.forceSpillElements()) {
            spillCollection(currentMemory);
        }
    }

    private void spillCollection(long currentMemory) {
        spills.add(SpillFile.write(spill, serializer, numPartitions, sortedCursor()));
        newCollection();
        elementsSinceSpill = 0;
        spill.metrics().incMemoryBytesSpilled(currentMemory);
        freeMemory(used());
        memoryThreshold = spill.initialMemoryThreshold();
    }

    /** Asked by the task memory manager to make room for another consumer of the same task. */
    @Override
    public long spill(long size, MemoryConsumer trigger) {
        if (trigger == this || reading || stopped || currentCount() == 0) {
            return 0;
        }
        long held = used();
        LOG.info("Spilling {} records ({} bytes held) to make room for {}", currentCount(), held, trigger);
        spillCollection(currentSize());
        return held;
    }

    /** The in-memory records by partition, then by key: by ordering, or by hash code to merge them with spills. */
    private PartitionedCursor<K, C> sortedCursor() {
        return cursor(spillOrder);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private PartitionedCursor<K, C> cursor(KeyOrder<? super K> order) {
        if (reductionMap != null) {
            return reductionMap.destructiveSortedCursor(numPartitions, (KeyOrder) order);
        }
        return map != null
                ? map.destructiveSortedCursor(numPartitions, order)
                : buffer.destructiveSortedCursor(numPartitions, order);
    }

    /** Whether the caller is the task thread that owns this sorter. */
    private boolean inOwnerThread() {
        return Thread.currentThread() == owner;
    }

    /** Where a reduction keeps its combiners now; null when the aggregator is not a reduction. */
    ReductionStage reductionStage() {
        return reductionStage;
    }

    /** Number of spill files written so far. */
    public int spillCount() {
        return spills.size();
    }

    /** Highest estimated size of the in-memory collection. */
    public long peakMemoryUsed() {
        return peakMemoryUsed;
    }

    // ---- reading ----

    /**
     * The records grouped by partition, in partition order: one entry per partition that has records. Each
     * partition's iterator must be consumed before moving to the next.
     */
    public Iterator<Pair<Integer, Iterator<Pair<K, C>>>> partitionedIterator() {
        assert inOwnerThread() : "reading on " + Thread.currentThread() + ", not the sorter's task thread " + owner;
        if (reading) {
            throw new IllegalStateException("The sorter's records can be read once");
        }
        reading = true;
        // Without spills nothing is merged, so only a requested ordering sorts keys within a partition.
        PartitionedCursor<K, C> inMemory = spills.isEmpty() ? cursor(ordering) : sortedCursor();
        map = null;
        reductionMap = null;
        buffer = null;
        if (spills.isEmpty()) {
            return SpillMerge.inMemory(inMemory);
        }
        merge = new SpillMerge<>(spill, serializer, spills, numPartitions, aggregator, spillOrder);
        return merge.partitions(inMemory);
    }

    /** All records, partition after partition. */
    public Iterator<Pair<K, C>> iterator() {
        return SpillMerge.concatenated(partitionedIterator());
    }

    /**
     * Writes every partition through {@code writer} as a compressed, serialized stream per reduce partition, and
     * counts the records in the task's shuffle-write metrics.
     */
    public void writePartitionedMapOutput(int shuffleId, long mapId, ShuffleMapOutputWriter writer) throws IOException {
        assert inOwnerThread() : "writing on " + Thread.currentThread() + ", not the sorter's task thread " + owner;
        if (buffer instanceof SerializedPairBuffer<K, C> serialized && spills.isEmpty()) {
            copySerializedMapOutput(serialized, shuffleId, mapId, writer);
            return;
        }
        SerializerInstance instance = serializer.newInstance();
        Iterator<Pair<Integer, Iterator<Pair<K, C>>>> partitions = partitionedIterator();
        while (partitions.hasNext()) {
            Pair<Integer, Iterator<Pair<K, C>>> partition = partitions.next();
            Iterator<Pair<K, C>> values = partition.value();
            // After a spill every partition is listed; an empty one gets no block, so readers never fetch it.
            if (values.hasNext()) {
                writeBlock(writer, shuffleId, mapId, partition.key(), out -> {
                    SerializationStream stream = instance.serializeStream(out);
                    long records = 0;
                    while (values.hasNext()) {
                        Pair<K, C> record = values.next();
                        stream.writeKey(record.key());
                        stream.writeValue(record.value());
                        records++;
                    }
                    stream.flush();
                    return records;
                });
            }
        }
    }

    /** Copies the serialized records of each partition out in key order: nothing is deserialized but keys. */
    private void copySerializedMapOutput(
            SerializedPairBuffer<K, C> serialized, int shuffleId, long mapId, ShuffleMapOutputWriter writer)
            throws IOException {
        if (reading) {
            throw new IllegalStateException("The sorter's records can be read once");
        }
        reading = true;
        SerializedPairBuffer.Sorted<K, C> sorted = serialized.destructiveSort(numPartitions, ordering);
        buffer = null;
        for (int reduceId = 0; reduceId < numPartitions; reduceId++) {
            int partition = reduceId;
            if (sorted.count(partition) > 0) {
                writeBlock(writer, shuffleId, mapId, partition, out -> {
                    sorted.writePartition(partition, out);
                    return sorted.count(partition);
                });
            }
        }
    }

    /** Writes the records of one reduce partition. */
    @FunctionalInterface
    private interface BlockContent {
        /** Writes to {@code out} (flushing what it buffers; the caller closes it) and returns the records written. */
        long writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes one block through {@code writer}, compressed as the block manager compresses shuffle blocks, and counts
     * its records in the task's shuffle-write metrics.
     */
    private void writeBlock(
            ShuffleMapOutputWriter writer, int shuffleId, long mapId, int reduceId, BlockContent content)
            throws IOException {
        ShufflePartitionWriter partitionWriter = writer.getPartitionWriter(reduceId);
        long records;
        try (OutputStream raw = partitionWriter.openStream();
                OutputStream compressed = spill.serializerManager()
                        .wrapForCompression(new BlockId.ShuffleBlockId(shuffleId, mapId, reduceId), raw)) {
            records = content.writeTo(compressed);
        }
        spill.metrics().shuffleWriteMetrics().incRecordsWritten(records);
    }

    /** Deletes spill files and returns all memory. Safe to call more than once. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (merge != null) {
            merge.close();
        }
        for (SpillFile file : spills) {
            file.delete();
        }
        spills.clear();
        map = null;
        reductionMap = null;
        buffer = null;
        freeMemory(used());
    }
}
