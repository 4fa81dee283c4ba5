package dev.ember.collection;

import dev.ember.Aggregator;
import dev.ember.Pair;
import dev.ember.serializer.Serializer;
import dev.ember.util.Iterators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Reads out the records of an {@link ExternalSorter}: its spill files and what it still holds in memory, partition
 * by partition. Every source is sorted by (partition, {@link KeyOrder}):
 *
 * <pre>
 *   spill file 1 ──┐
 *   spill file 2 ──┼──▶ partition p of each ──▶ aggregator:    merge by key order, combine equal keys
 *   in memory    ──┘                            ordering only: merge by key order
 *                                               neither:       one source after the other
 * </pre>
 *
 * Equal keys are combined with the aggregator's {@code mergeCombiners}: adjacent ones under a total order
 * ({@link KeyOrder.ByComparator}); under {@link KeyOrder.ByHash} the keys of one hash code are gathered and told
 * apart by {@code equals}. Without spills nothing is merged ({@link #inMemory}). Used from the sorter's thread; the
 * spill readers are open until the last partition is read or {@link #close} is called.
 *
 * @param <K> key
 * @param <C> value read out: the combiner when aggregating
 */
final class SpillMerge<K, C> {
    private final Aggregator<K, ?, C> aggregator;
    private final KeyOrder<? super K> order;
    private final int numPartitions;
    private final List<SpillFile.Reader<K, C>> readers = new ArrayList<>();

    /**
     * Opens a reader of every spill file; the aggregator (null without aggregation) combines equal keys, which the
     * files and the in-memory records are sorted by {@code order} for.
     */
    SpillMerge(
            SpillContext spill,
            Serializer serializer,
            List<SpillFile> files,
            int numPartitions,
            Aggregator<K, ?, C> aggregator,
            KeyOrder<? super K> order) {
        this.aggregator = aggregator;
        this.order = order;
        this.numPartitions = numPartitions;
        for (SpillFile file : files) {
            readers.add(file.reader(spill, serializer));
        }
    }

    /** The in-memory records alone, by partition: one entry per partition that has records. */
    static <K, C> Iterator<Pair<Integer, Iterator<Pair<K, C>>>> inMemory(PartitionedCursor<K, C> cursor) {
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

    /** The records of every partition, merged from the spill files and {@code inMemory}; each partition is listed. */
    Iterator<Pair<Integer, Iterator<Pair<K, C>>>> partitions(PartitionedCursor<K, C> inMemory) {
        BufferedCursor<K, C> memory = new BufferedCursor<>(inMemory);
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

    /** All records of {@code partitions}, partition after partition. */
    static <K, C> Iterator<Pair<K, C>> concatenated(Iterator<Pair<Integer, Iterator<Pair<K, C>>>> partitions) {
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

    /** Closes the spill readers. Safe to call more than once. */
    void close() {
        for (SpillFile.Reader<K, C> reader : readers) {
            reader.close();
        }
        readers.clear();
    }

    private Iterator<Pair<K, C>> merge(List<Iterator<Pair<K, C>>> sources) {
        if (order.comparator().isEmpty()) {
            Iterator<Pair<K, C>> result = Collections.emptyIterator();
            for (Iterator<Pair<K, C>> source : sources) {
                result = Iterators.concat(result, source);
            }
            return result;
        }
        Comparator<? super K> keys = order.comparator().get();
        Iterator<Pair<K, C>> sorted = new SortedMerge<>(sources, (a, b) -> keys.compare(a.key(), b.key()));
        if (aggregator == null) {
            return sorted;
        }
        BufferedIterator<Pair<K, C>> buffered = new BufferedIterator<>(sorted);
        return order instanceof KeyOrder.ByComparator ? combineAdjacent(buffered, keys) : combineByHash(buffered);
    }

    /** Under a total order equal keys are adjacent: each run becomes one record. */
    private Iterator<Pair<K, C>> combineAdjacent(BufferedIterator<Pair<K, C>> sorted, Comparator<? super K> keys) {
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
                while (sorted.hasNext() && keys.compare(sorted.head().key(), key) == 0) {
                    combined = aggregator.mergeCombiners(combined, sorted.next().value());
                }
                return Pair.of(key, combined);
            }
        };
    }

    /** Ordered by hash code: keys with equal hashes are adjacent but may differ; combined by equals. */
    private Iterator<Pair<K, C>> combineByHash(BufferedIterator<Pair<K, C>> sorted) {
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
                int hash = KeyOrder.hashCodeOf(first.key());
                keys.add(first.key());
                combiners.add(first.value());
                while (sorted.hasNext() && KeyOrder.hashCodeOf(sorted.head().key()) == hash) {
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
