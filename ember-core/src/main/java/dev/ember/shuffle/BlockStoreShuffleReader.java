package dev.ember.shuffle;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.TaskContext;
import dev.ember.collection.ExternalSorter;
import dev.ember.collection.SortedMerge;
import dev.ember.collection.SpillContext;
import dev.ember.io.CountingInputStream;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import dev.ember.metrics.ShuffleReadMetrics;
import dev.ember.serializer.DeserializationStream;
import dev.ember.serializer.SerializerInstance;
import dev.ember.storage.BlockManagerId;
import dev.ember.util.InterruptibleIterator;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a reduce task's records: fetches its block of every map output, deserializes them, then, as the
 * shuffle asks, combines by key (values, or the combiners map tasks already made) and sorts by key, both with
 * spilling. Blocks that map tasks already sorted by key ({@link ShuffleHandle.WriterKind#SORT_BY_KEY}) are merged
 * as they are read instead of sorted. A block that cannot be read fails the task with {@link FetchFailedException}.
 */
final class BlockStoreShuffleReader<K, V, C> implements ShuffleReader<K, C> {
    private final RecordShuffleHandle<K, V, C> shuffle;
    private final int startMapIndex;
    private final int endMapIndex;
    private final int startPartition;
    private final int endPartition;
    private final TaskContext context;
    private final SpillContext spill;
    private final MapOutputTracker mapOutputTracker;
    private final SortShuffleManager shuffleManager;
    private final BlockManagerId local;

    BlockStoreShuffleReader(
            RecordShuffleHandle<K, V, C> shuffle,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill,
            MapOutputTracker mapOutputTracker,
            SortShuffleManager shuffleManager,
            BlockManagerId local) {
        this.shuffle = shuffle;
        this.startMapIndex = startMapIndex;
        this.endMapIndex = endMapIndex;
        this.startPartition = startPartition;
        this.endPartition = endPartition;
        this.context = context;
        this.spill = spill;
        this.mapOutputTracker = mapOutputTracker;
        this.shuffleManager = shuffleManager;
        this.local = local;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<Pair<K, C>> read() {
        List<MapOutputTracker.BlocksByAddress> blocks = mapOutputTracker.getMapSizesByExecutorId(
                shuffle.shuffleId(), startMapIndex, endMapIndex, startPartition, endPartition);
        ShuffleReadMetrics metrics = spill.metrics().shuffleReadMetrics();
        SerializerInstance serializer = shuffle.serializer().newInstance();
        if (readyToMerge(blocks)) {
            return (Iterator<Pair<K, C>>) (Iterator<?>) mergeSortedBlocks(blocks, serializer, metrics);
        }
        ShuffleBlockFetcherIterator fetcher = new ShuffleBlockFetcherIterator(blocks, shuffleManager, local, metrics);
        RecordIterator recordIterator = new RecordIterator(fetcher, serializer, metrics);
        // A task that stops reading early (take, a failure) must not leave the current block's file open.
        context.addTaskCompletionListener(ignored -> recordIterator.close());
        Iterator<Pair<Object, Object>> records = InterruptibleIterator.wrap(context, recordIterator);

        Iterator<? extends Pair<K, ?>> result;
        if (shuffle.aggregator().isPresent()) {
            Aggregator<K, V, C> aggregator = shuffle.aggregator().get();
            if (shuffle.mapSideCombine()) {
                Aggregator<K, C, C> combiners = aggregator.forCombiners();
                ExternalSorter<K, C, C> sorter =
                        stopAtTaskEnd(new ExternalSorter<>(spill, combiners, null, null, shuffle.serializer()));
                sorter.insertAll((Iterator<Pair<K, C>>) (Iterator<?>) records);
                result = sorter.iterator();
            } else {
                ExternalSorter<K, V, C> sorter =
                        stopAtTaskEnd(new ExternalSorter<>(spill, aggregator, null, null, shuffle.serializer()));
                sorter.insertAll((Iterator<Pair<K, V>>) (Iterator<?>) records);
                result = sorter.iterator();
            }
        } else {
            result = (Iterator<Pair<K, C>>) (Iterator<?>) records;
        }

        if (shuffle.keyOrdering().isPresent()) {
            Comparator<? super K> ordering = shuffle.keyOrdering().get();
            ExternalSorter<K, C, C> sorter =
                    stopAtTaskEnd(new ExternalSorter<>(spill, null, null, ordering, shuffle.serializer()));
            sorter.insertAll((Iterator<Pair<K, C>>) result);
            return sorter.iterator();
        }
        return (Iterator<Pair<K, C>>) result;
    }

    /**
     * Whether this task merges its blocks rather than sorts what it reads: map tasks sorted them by key, there are
     * few enough to read side by side, and the task was granted execution memory for those of other executors,
     * which this reserves until the task ends.
     */
    private boolean readyToMerge(List<MapOutputTracker.BlocksByAddress> blocks) {
        if (shuffle.writerKind() != ShuffleHandle.WriterKind.SORT_BY_KEY
                || shuffle.aggregator().isPresent()
                || shuffle.keyOrdering().isEmpty()) {
            return false;
        }
        int count = 0;
        long remoteBytes = 0;
        for (MapOutputTracker.BlocksByAddress byAddress : blocks) {
            count += byAddress.blocks().size();
            if (!byAddress.address().executorId().equals(local.executorId())) {
                for (MapOutputTracker.ShuffleBlockInfo block : byAddress.blocks()) {
                    remoteBytes += block.size();
                }
            }
        }
        if (count > shuffleManager.maxMergeWidth()) {
            return false;
        }
        if (remoteBytes == 0) {
            return true;
        }
        FetchedBytes reserved = new FetchedBytes();
        context.addTaskCompletionListener(ignored -> reserved.release());
        if (!reserved.reserve(remoteBytes)) {
            reserved.release();
            return false;
        }
        return true;
    }

    /**
     * Opens every block at once and merges them by key: each is already sorted. Equal keys come out in map order,
     * whichever block arrived first.
     */
    @SuppressWarnings("unchecked")
    private Iterator<Pair<Object, Object>> mergeSortedBlocks(
            List<MapOutputTracker.BlocksByAddress> blocks, SerializerInstance serializer, ShuffleReadMetrics metrics) {
        Comparator<Object> ordering = (Comparator<Object>) shuffle.keyOrdering().orElseThrow();
        List<BlockRecords> open = new ArrayList<>();
        // Registered before the first block opens, so that a failure while opening closes those already open.
        context.addTaskCompletionListener(ignored -> {
            for (BlockRecords block : open) {
                block.closeQuietly();
            }
        });
        ShuffleBlockFetcherIterator fetcher = new ShuffleBlockFetcherIterator(blocks, shuffleManager, local, metrics);
        while (fetcher.hasNext()) {
            open.add(new BlockRecords(fetcher.next(), serializer, metrics));
        }
        open.sort(Comparator.comparingInt(block -> block.block.mapIndex()));
        return InterruptibleIterator.wrap(
                context, new SortedMerge<Pair<Object, Object>>(open, (a, b) -> ordering.compare(a.key(), b.key())));
    }

    /**
     * Registers the sorter to be stopped (spill files deleted, memory returned) when the task ends: before anything
     * is inserted, so that a failure while inserting cleans up too.
     */
    private <S extends ExternalSorter<?, ?, ?>> S stopAtTaskEnd(S sorter) {
        context.addTaskCompletionListener(ignored -> {
            spill.metrics().setPeakExecutionMemory(sorter.peakMemoryUsed());
            sorter.stop();
        });
        return sorter;
    }

    /**
     * Execution memory held for blocks fetched from other executors while they are merged: nothing can be spilled
     * from it, so it is asked for before fetching and the task sorts instead when it is not granted.
     */
    private final class FetchedBytes extends MemoryConsumer {
        FetchedBytes() {
            super(spill.taskMemoryManager(), MemoryMode.ON_HEAP);
        }

        boolean reserve(long bytes) {
            return acquireMemory(bytes) >= bytes;
        }

        void release() {
            freeMemory(used());
        }

        @Override
        public long spill(long size, MemoryConsumer trigger) {
            return 0;
        }
    }

    /** Deserializes the records of each fetched block in turn. */
    private final class RecordIterator implements Iterator<Pair<Object, Object>> {
        private final ShuffleBlockFetcherIterator fetcher;
        private final SerializerInstance serializer;
        private final ShuffleReadMetrics metrics;
        private BlockRecords current;

        RecordIterator(ShuffleBlockFetcherIterator fetcher, SerializerInstance serializer, ShuffleReadMetrics metrics) {
            this.fetcher = fetcher;
            this.serializer = serializer;
            this.metrics = metrics;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (!fetcher.hasNext()) {
                    return false;
                }
                current = new BlockRecords(fetcher.next(), serializer, metrics);
            }
            return true;
        }

        @Override
        public Pair<Object, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        /** Closes the block being read, if any. */
        void close() {
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The records of one fetched block. A block that cannot be decoded, or that ends before the bytes its map output
     * recorded, fails the task with {@link FetchFailedException}; the block is closed once it ends or fails.
     */
    private final class BlockRecords implements Iterator<Pair<Object, Object>> {
        private final ShuffleBlockFetcherIterator.FetchedBlock block;
        private final ShuffleReadMetrics metrics;
        private final CountingInputStream raw;
        private DeserializationStream stream;
        private Pair<Object, Object> next;
        private boolean ended;

        BlockRecords(
                ShuffleBlockFetcherIterator.FetchedBlock block,
                SerializerInstance serializer,
                ShuffleReadMetrics metrics) {
            this.block = block;
            this.metrics = metrics;
            this.raw = new CountingInputStream(block.stream());
            try {
                // Codecs and serializers may read headers here: a corrupt block fails at once.
                stream = serializer.deserializeStream(
                        spill.serializerManager().wrapForCompression(block.blockId(), raw));
            } catch (RuntimeException e) {
                closeQuietly();
                throw failure("is corrupt or unreadable: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (ended) {
                return false;
            }
            try {
                Object key = stream.readKey();
                Object value = stream.readValue();
                next = Pair.of(key, value);
                metrics.incRecordsRead(1);
                return true;
            } catch (EOFException e) {
                finish();
                return false;
            } catch (RuntimeException e) {
                closeQuietly();
                throw failure("is corrupt or unreadable: " + e.getMessage(), e);
            }
        }

        @Override
        public Pair<Object, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Pair<Object, Object> result = next;
            next = null;
            return result;
        }

        /**
         * Ends the block whose records ran out. Its stream must have yielded every byte the map output recorded for
         * it: a block cut short can end cleanly between two records, and that would silently lose the rest.
         */
        private void finish() {
            try {
                block.checkEnd(raw);
            } catch (FetchFailedException e) {
                closeQuietly();
                throw e;
            }
            close();
        }

        private FetchFailedException failure(String problem, Throwable cause) {
            return block.failure(problem, cause);
        }

        /** Closes the block. Safe to call more than once. */
        void close() {
            ended = true;
            if (stream != null) {
                DeserializationStream open = stream;
                stream = null;
                open.close();
            } else {
                try {
                    block.stream().close();
                } catch (IOException e) {
                    // Closing a read-only local file or a buffer: nothing is lost.
                }
            }
        }

        void closeQuietly() {
            try {
                close();
            } catch (RuntimeException e) {
                // Reporting the read failure matters more than a failure to close.
            }
        }
    }
}
