package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.Partitioner;
import dev.ember.function.Function;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
 *   read      ──▶ per partition: merge the spills and what is still in memory
 *                   - aggregator:    combine equal keys (by ordering, or by hash code then equals)
 *                   - ordering only: merge sort
 *                   - neither:       concatenate
 * </pre>
 *
 * Keys within a partition are ordered by {@code ordering} when given; with an aggregator but no ordering they are
 * ordered by hash code, which is enough to merge spills. The values of {@code groupByKey}
 * ({@link CompactBuffer#grouping()}, without an ordering) are appended to a {@link GroupBuffer} and grouped when
 * read, rather than added to a buffer per key in the map. Used from one task thread; {@link #stop()} deletes the
 * spill files and returns the memory, and must be called (the task does so on completion).
 *
 * @param <K> key
 * @param <V> value inserted
 * @param <C> value produced: the combiner when aggregating, otherwise the same as {@code V}
 */
public final class ExternalSorter<K, V, C> extends MemoryConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalSorter.class);

    /** Where a recognized reduction keeps its combiners; it only ever moves down this list. */
    private enum ReductionStage {
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
    private final Comparator<? super K> ordering;
    private final Comparator<? super K> keyComparator;
    private final Serializer serializer;

    private PartitionedAppendOnlyMap<K, C> map;
    /**
     * Used instead of {@code map} for a recognized reduction (see {@link ReductionMap}): with long keys until a key
     * of another class, then with object keys; a value the reduction cannot take moves the entries on to {@code map}
     * from either. A step down is for the rest of this sorter's life.
     */
    private ReductionMap reductionMap;

    /** The reduction the reduction map computes; null when the aggregator is not one. */
    private final InPlaceMerge.Reduction reduction;

    private ReductionStage reductionStage = ReductionStage.LONG_KEYS;
    /**
     * Without an aggregator: serialized when {@code keepSerialized} (see {@link #forSortedMapOutput}). Also holds
     * the records of a grouping, whose cursor gives combiners.
     */
    private PairBuffer<K, C> buffer;

    /** Whether the aggregator is {@link CompactBuffer#grouping()} and no ordering is asked for. */
    private final boolean grouping;

    private final boolean keepSerialized;
    private final List<SpillFile> spills = new ArrayList<>();
    /** Readers of the spill files while merging; closed by {@link #stop()} if the caller stopped early. */
    private final List<SpillFile.Reader<K, C>> readers = new ArrayList<>();

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
        this.reduction = mapAggregator != null && mapAggregator.createCombiner() == Function.identity()
                ? InPlaceMerge.reductionOf(mapAggregator.mergeValue())
                : null;
        this.grouping = aggregator != null && ordering == null && CompactBuffer.isGrouping(aggregator);
        this.partitioner = partitioner;
        this.numPartitions = partitioner == null ? 1 : partitioner.numPartitions();
        this.ordering = ordering;
        this.keyComparator =
                ordering != null ? ordering : aggregator != null ? PartitionedAppendOnlyMap.HASH_ORDER : null;
        this.serializer = serializer;
        this.memoryThreshold = spill.initialMemoryThreshold();
        newCollection();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void newCollection() {
        if (grouping) {
            buffer = (PairBuffer) new GroupBuffer();
        } else if (reduction != null && reductionStage != ReductionStage.GENERIC) {
            reductionMap = reductionStage == ReductionStage.LONG_KEYS
                    ? new ReductionMap.LongKeys(reduction)
                    : new ReductionMap.ObjectKeys(reduction, 0);
        } else if (aggregator != null) {
            map = new PartitionedAppendOnlyMap<>(64);
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
        map = (PartitionedAppendOnlyMap<K, C>) reductionMap.toGeneric((Aggregator<K, C, C>) mapAggregator);
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
        return cursor(keyComparator);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private PartitionedCursor<K, C> cursor(Comparator<? super K> keys) {
        if (reductionMap != null) {
            return (PartitionedCursor) reductionMap.destructiveSortedCursor(numPartitions, (Comparator) keys);
        }
        return map != null
                ? map.destructiveSortedCursor(numPartitions, keys)
                : buffer.destructiveSortedCursor(numPartitions, keys);
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
            return groupByPartition(inMemory);
        }
        return mergeWithSpills(inMemory);
    }

    /** All records, partition after partition. */
    public Iterator<Pair<K, C>> iterator() {
        Iterator<Pair<Integer, Iterator<Pair<K, C>>>> partitions = partitionedIterator();
        return new Iterator<>() {
            private Iterator<Pair<K, C>> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!partitions.hasNext()) {
                        return false;
                    }
                    current = partitions.next().value();
                }
                return true;
            }

            @Override
            public Pair<K, C> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * Writes every partition through {@code writer} as a compressed, serialized stream per reduce partition, and
     * counts the records in the task's shuffle-write metrics.
     */
    public void writePartitionedMapOutput(int shuffleId, long mapId, ShuffleMapOutputWriter writer) throws IOException {
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

    private Iterator<Pair<Integer, Iterator<Pair<K, C>>>> groupByPartition(PartitionedCursor<K, C> cursor) {
        BufferedCursor<K, C> buffered = new BufferedCursor<>(cursor);
        return new Iterator<>() {
            private Iterator<Pair<K, C>> previous = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                // Skip whatever the caller left of the previous partition.
                while (previous.hasNext()) {
                    previous.next();
                }
                return buffered.hasRecord();
            }

            @Override
            public Pair<Integer, Iterator<Pair<K, C>>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int partition = buffered.partition();
                previous = buffered.partitionIterator(partition);
                return Pair.of(partition, previous);
            }
        };
    }

    private Iterator<Pair<Integer, Iterator<Pair<K, C>>>> mergeWithSpills(PartitionedCursor<K, C> inMemory) {
        BufferedCursor<K, C> memory = new BufferedCursor<>(inMemory);
        for (SpillFile file : spills) {
            readers.add(file.reader(spill, serializer));
        }
        return new Iterator<>() {
            private int partition;

            @Override
            public boolean hasNext() {
                return partition < numPartitions;
            }

            @Override
            public Pair<Integer, Iterator<Pair<K, C>>> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int current = partition++;
                List<Iterator<Pair<K, C>>> sources = new ArrayList<>(readers.size() + 1);
                for (SpillFile.Reader<K, C> reader : readers) {
                    sources.add(reader.readPartition(current));
                }
                // Records the caller left unread in earlier partitions are skipped, as the spill readers do.
                memory.skipBefore(current);
                sources.add(memory.partitionIterator(current));
                return Pair.of(current, merge(sources));
            }
        };
    }

    private Iterator<Pair<K, C>> merge(List<Iterator<Pair<K, C>>> sources) {
        if (aggregator != null) {
            return mergeWithAggregation(sources);
        }
        if (ordering != null) {
            return mergeSort(sources, ordering);
        }
        Iterator<Pair<K, C>> result = Collections.emptyIterator();
        for (Iterator<Pair<K, C>> source : sources) {
            result = dev.ember.util.Iterators.concat(result, source);
        }
        return result;
    }

    private Iterator<Pair<K, C>> mergeSort(List<Iterator<Pair<K, C>>> sources, Comparator<? super K> comparator) {
        return new SortedMerge<>(sources, (a, b) -> comparator.compare(a.key(), b.key()));
    }

    private Iterator<Pair<K, C>> mergeWithAggregation(List<Iterator<Pair<K, C>>> sources) {
        BufferedIterator<Pair<K, C>> sorted = new BufferedIterator<>(mergeSort(sources, keyComparator));
        if (ordering != null) {
            // A total order: equal keys are adjacent.
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return sorted.hasNext();
                }

                @Override
                public Pair<K, C> next() {
                    Pair<K, C> first = sorted.next();
                    K key = first.key();
                    C combined = first.value();
                    while (sorted.hasNext() && ordering.compare(sorted.head().key(), key) == 0) {
                        combined = aggregator.mergeCombiners(
                                combined, sorted.next().value());
                    }
                    return Pair.of(key, combined);
                }
            };
        }
        // Ordered by hash code: keys with equal hashes are adjacent but may differ; combine by equals.
        return new Iterator<>() {
            private final List<K> keys = new ArrayList<>();
            private final List<C> combiners = new ArrayList<>();
            private int position;

            @Override
            public boolean hasNext() {
                if (position < keys.size()) {
                    return true;
                }
                keys.clear();
                combiners.clear();
                position = 0;
                if (!sorted.hasNext()) {
                    return false;
                }
                Pair<K, C> first = sorted.next();
                int hash = PartitionedAppendOnlyMap.hashCodeOf(first.key());
                keys.add(first.key());
                combiners.add(first.value());
                while (sorted.hasNext()
                        && PartitionedAppendOnlyMap.hashCodeOf(sorted.head().key()) == hash) {
                    Pair<K, C> record = sorted.next();
                    int index = indexOf(record.key());
                    if (index >= 0) {
                        combiners.set(index, aggregator.mergeCombiners(combiners.get(index), record.value()));
                    } else {
                        keys.add(record.key());
                        combiners.add(record.value());
                    }
                }
                return true;
            }

            private int indexOf(K key) {
                for (int i = 0; i < keys.size(); i++) {
                    if (Objects.equals(keys.get(i), key)) {
                        return i;
                    }
                }
                return -1;
            }

            @Override
            public Pair<K, C> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Pair<K, C> result = Pair.of(keys.get(position), combiners.get(position));
                position++;
                return result;
            }
        };
    }

    /** Deletes spill files and returns all memory. Safe to call more than once. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (SpillFile.Reader<K, C> reader : readers) {
            reader.close();
        }
        readers.clear();
        for (SpillFile file : spills) {
            file.delete();
        }
        spills.clear();
        map = null;
        reductionMap = null;
        buffer = null;
        freeMemory(used());
    }

    /** A cursor that can look at the partition of its next record, and iterate one partition as pairs. */
    private static final class BufferedCursor<K, C> {
        private final PartitionedCursor<K, C> cursor;
        private boolean hasRecord;

        BufferedCursor(PartitionedCursor<K, C> cursor) {
            this.cursor = cursor;
            this.hasRecord = cursor.advance();
        }

        boolean hasRecord() {
            return hasRecord;
        }

        int partition() {
            return cursor.partition();
        }

        void skipBefore(int partition) {
            while (hasRecord && cursor.partition() < partition) {
                hasRecord = cursor.advance();
            }
        }

        Iterator<Pair<K, C>> partitionIterator(int partition) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return hasRecord && cursor.partition() == partition;
                }

                @Override
                public Pair<K, C> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Pair<K, C> record = Pair.of(cursor.key(), cursor.value());
                    hasRecord = cursor.advance();
                    return record;
                }
            };
        }
    }
}
