package dev.ember.shuffle;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.ShuffleDependency;
import dev.ember.TaskContext;
import dev.ember.collection.ExternalSorter;
import dev.ember.collection.SpillContext;
import dev.ember.function.Function;
import dev.ember.io.CountingInputStream;
import dev.ember.metrics.ShuffleReadMetrics;
import dev.ember.serializer.DeserializationStream;
import dev.ember.serializer.SerializerInstance;
import dev.ember.storage.BlockManagerId;
import dev.ember.util.InterruptibleIterator;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a reduce task's records: fetches its block of every map output, deserializes them, then, as the
 * dependency asks, combines by key (values, or the combiners map tasks already made) and sorts by key, both with
 * spilling. A block that cannot be read fails the task with {@link FetchFailedException}.
 */
final class BlockStoreShuffleReader<K, V, C> implements ShuffleReader<K, C> {
    private final ShuffleDependency<K, V, C> dependency;
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
            ShuffleDependency<K, V, C> dependency,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill,
            MapOutputTracker mapOutputTracker,
            SortShuffleManager shuffleManager,
            BlockManagerId local) {
        this.dependency = dependency;
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
                dependency.shuffleId(), startMapIndex, endMapIndex, startPartition, endPartition);
        ShuffleReadMetrics metrics = spill.metrics().shuffleReadMetrics();
        ShuffleBlockFetcherIterator fetcher = new ShuffleBlockFetcherIterator(blocks, shuffleManager, local, metrics);
        SerializerInstance serializer = dependency.serializer().newInstance();
        RecordIterator recordIterator = new RecordIterator(fetcher, serializer, metrics);
        // A task that stops reading early (take, a failure) must not leave the current block's file open.
        context.addTaskCompletionListener(ignored -> recordIterator.close());
        Iterator<Pair<Object, Object>> records = InterruptibleIterator.wrap(context, recordIterator);

        Iterator<? extends Pair<K, ?>> result;
        if (dependency.aggregator().isPresent()) {
            Aggregator<K, V, C> aggregator = dependency.aggregator().get();
            if (dependency.mapSideCombine()) {
                Aggregator<K, C, C> combiners =
                        new Aggregator<>(Function.identity(), aggregator.mergeCombiners(), aggregator.mergeCombiners());
                ExternalSorter<K, C, C> sorter =
                        stopAtTaskEnd(new ExternalSorter<>(spill, combiners, null, null, dependency.serializer()));
                sorter.insertAll((Iterator<Pair<K, C>>) (Iterator<?>) records);
                result = sorter.iterator();
            } else {
                ExternalSorter<K, V, C> sorter =
                        stopAtTaskEnd(new ExternalSorter<>(spill, aggregator, null, null, dependency.serializer()));
                sorter.insertAll((Iterator<Pair<K, V>>) (Iterator<?>) records);
                result = sorter.iterator();
            }
        } else {
            result = (Iterator<Pair<K, C>>) (Iterator<?>) records;
        }

        if (dependency.keyOrdering().isPresent()) {
            Comparator<? super K> ordering = dependency.keyOrdering().get();
            ExternalSorter<K, C, C> sorter =
                    stopAtTaskEnd(new ExternalSorter<>(spill, null, null, ordering, dependency.serializer()));
            sorter.insertAll((Iterator<Pair<K, C>>) result);
            return sorter.iterator();
        }
        return (Iterator<Pair<K, C>>) result;
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

    /** Deserializes the records of each fetched block in turn. */
    private final class RecordIterator implements Iterator<Pair<Object, Object>> {
        private final ShuffleBlockFetcherIterator fetcher;
        private final SerializerInstance serializer;
        private final ShuffleReadMetrics metrics;
        private ShuffleBlockFetcherIterator.FetchedBlock block;
        private CountingInputStream raw;
        private DeserializationStream stream;
        private Pair<Object, Object> next;

        RecordIterator(ShuffleBlockFetcherIterator fetcher, SerializerInstance serializer, ShuffleReadMetrics metrics) {
            this.fetcher = fetcher;
            this.serializer = serializer;
            this.metrics = metrics;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                try {
                    if (stream == null) {
                        if (!fetcher.hasNext()) {
                            return false;
                        }
                        block = fetcher.next();
                        raw = new CountingInputStream(block.stream());
                        // Codecs and serializers may read headers here: a corrupt block fails in this try.
                        stream = serializer.deserializeStream(
                                spill.serializerManager().wrapForCompression(block.blockId(), raw));
                    }
                    Object key = stream.readKey();
                    Object value = stream.readValue();
                    next = Pair.of(key, value);
                    metrics.incRecordsRead(1);
                } catch (EOFException e) {
                    finishBlock();
                } catch (FetchFailedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    closeQuietly();
                    if (block == null) {
                        throw e;
                    }
                    throw failure("is corrupt or unreadable: " + e.getMessage(), e);
                }
            }
            return true;
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
        private void finishBlock() {
            long consumed;
            try {
                raw.transferTo(OutputStream.nullOutputStream());
                consumed = raw.count();
            } catch (IOException e) {
                closeQuietly();
                throw failure("could not be read to its end: " + e.getMessage(), e);
            }
            if (consumed != block.size()) {
                closeQuietly();
                throw failure("is truncated: it ended after " + consumed + " of its " + block.size() + " bytes", null);
            }
            close();
        }

        private FetchFailedException failure(String problem, Throwable cause) {
            return new FetchFailedException(
                    block.address(),
                    block.blockId().shuffleId(),
                    block.blockId().mapId(),
                    block.mapIndex(),
                    block.blockId().reduceId(),
                    "Shuffle block " + block.blockId() + " " + problem,
                    cause);
        }

        /** Closes the block being read, if any. */
        void close() {
            if (stream != null) {
                DeserializationStream open = stream;
                stream = null;
                open.close();
            } else if (block != null) {
                try {
                    block.stream().close();
                } catch (java.io.IOException e) {
                    // Closing a read-only local file: nothing is lost.
                }
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (RuntimeException e) {
                // Reporting the read failure matters more than a failure to close.
            }
        }
    }
}
