package dev.ember.collection;

import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.SerializerInstance;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Records (partition, key, value) held serialized, for map tasks that sort by key: each record is written to a
 * page of its partition as soon as it is inserted, so its objects die young, and is copied out as bytes in sorted
 * order. Sorting deserializes the keys of one partition at a time, from that partition's pages, into objects next
 * to each other in memory, and compares those. Needs a serializer whose records may be reordered
 * ({@code supportsRelocationOfSerializedObjects}).
 *
 * <p>Each partition fills pages of its own, each as large as what the partition holds so far (4 KiB to 256 KiB), so
 * that reading one partition reads memory written together.
 */
final class SerializedPairBuffer<K, V> implements PairBuffer<K, V> {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
    private static final int FIRST_PAGE = 4 * 1024;
    /** Under half of G1's smallest region, so that a page is never a humongous object. */
    private static final int LARGEST_PAGE = 256 * 1024;

    private final SerializerInstance serializer;
    private final RecordBytes record = new RecordBytes();
    private final SerializationStream stream;
    private final List<byte[]> pages = new ArrayList<>();
    /** Per partition: the page being filled (null before its first record), its index and bytes used. */
    private final byte[][] openPages;

    private final int[] openPageIndex;
    private final int[] openPageUsed;
    private long pageBytes;

    private int[] partitions;
    /** Where each record starts: page index in the high half, offset in the low half. */
    private long[] addresses;

    private int[] keyLengths;
    private int[] lengths;
    private int size;

    SerializedPairBuffer(SerializerInstance serializer, int numPartitions, int initialCapacity) {
        this.serializer = serializer;
        this.openPages = new byte[numPartitions][];
        this.openPageIndex = new int[numPartitions];
        this.openPageUsed = new int[numPartitions];
        this.stream = serializer.serializeStream(record);
        partitions = new int[initialCapacity];
        addresses = new long[initialCapacity];
        keyLengths = new int[initialCapacity];
        lengths = new int[initialCapacity];
    }

    @Override
    public void insert(int partition, K key, V value) {
        if (size == partitions.length) {
            grow();
        }
        record.length = 0;
        stream.writeKey(key);
        stream.flush();
        int keyLength = record.length;
        stream.writeValue(value);
        stream.flush();
        int length = record.length;
        byte[] page = openPages[partition];
        if (page == null || page.length - openPageUsed[partition] < length) {
            page = newPage(partition, length);
        }
        int offset = openPageUsed[partition];
        System.arraycopy(record.bytes, 0, page, offset, length);
        partitions[size] = partition;
        addresses[size] = ((long) openPageIndex[partition] << 32) | offset;
        keyLengths[size] = keyLength;
        lengths[size] = length;
        openPageUsed[partition] = offset + length;
        size++;
    }

    /** A new page for {@code partition}: twice its last, within bounds, and never smaller than the record. */
    private byte[] newPage(int partition, int recordLength) {
        byte[] previous = openPages[partition];
        int wanted = previous == null ? FIRST_PAGE : Math.min(LARGEST_PAGE, previous.length * 2);
        byte[] page = new byte[Math.max(wanted, recordLength)];
        openPages[partition] = page;
        openPageIndex[partition] = pages.size();
        openPageUsed[partition] = 0;
        pages.add(page);
        pageBytes += page.length;
        return page;
    }

    private void grow() {
        if (partitions.length >= MAX_CAPACITY) {
            throw new IllegalStateException("Cannot buffer more than " + MAX_CAPACITY + " records");
        }
        int capacity = (int) Math.min(MAX_CAPACITY, Math.max(64L, partitions.length * 2L));
        partitions = Arrays.copyOf(partitions, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
        keyLengths = Arrays.copyOf(keyLengths, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
    }

    @Override
    public int size() {
        return size;
    }

    /** Bytes held: the pages, the per-record arrays and the largest record seen. */
    @Override
    public long estimateSize() {
        return pageBytes + 20L * partitions.length + record.bytes.length;
    }

    /** As objects: a partition's keys are deserialized and sorted when the cursor reaches it, values one by one. */
    @Override
    public PartitionedCursor<K, V> destructiveSortedCursor(int numPartitions, KeyOrder<? super K> order) {
        return destructiveSort(numPartitions, order).cursor();
    }

    /**
     * The records by partition, then by {@code order}; a partition's keys are deserialized and sorted when the
     * reader reaches it. Leaves the buffer unusable.
     */
    Sorted<K, V> destructiveSort(int numPartitions, KeyOrder<? super K> order) {
        Sorted<K, V> sorted =
                new Sorted<>(this, numPartitions, order.comparator().orElse(null));
        partitions = null;
        return sorted;
    }

    /** The sorted records of a buffer, read partition by partition. */
    static final class Sorted<K, V> {
        private final SerializerInstance serializer;
        private final byte[][] pages;
        private final long[] addresses;
        private final int[] keyLengths;
        private final int[] lengths;
        private final int numPartitions;
        private final Comparator<? super K> keyComparator;
        /** Positions by partition; a partition's slice is put in key order when it is first read. */
        private final int[] order;

        private final int[] starts;
        /** The keys of the partition last sorted, in the order of its slice of {@code order}. */
        private Object[] keys;

        private int keysOfPartition = -1;

        private Sorted(SerializedPairBuffer<K, V> buffer, int numPartitions, Comparator<? super K> keyComparator) {
            this.serializer = buffer.serializer;
            this.pages = buffer.pages.toArray(new byte[0][]);
            this.addresses = buffer.addresses;
            this.keyLengths = buffer.keyLengths;
            this.lengths = buffer.lengths;
            this.numPartitions = numPartitions;
            this.keyComparator = keyComparator;
            this.starts = IntSorter.partitionStarts(buffer.partitions, buffer.size, numPartitions);
            this.order = IntSorter.byPartition(buffer.partitions, buffer.size, starts);
        }

        /** Records in {@code partition}. */
        int count(int partition) {
            return starts[partition + 1] - starts[partition];
        }

        /**
         * Orders the slice of {@code partition} by key. The keys are deserialized in the slice's order, so that the
         * comparisons read memory allocated together.
         */
        @SuppressWarnings("unchecked")
        private void sortPartition(int partition) {
            if (keysOfPartition == partition) {
                return;
            }
            int from = starts[partition];
            int count = starts[partition + 1] - from;
            Object[] unsorted = new Object[count];
            for (int i = 0; i < count; i++) {
                unsorted[i] = keyAt(order[from + i]);
            }
            if (keyComparator != null && count > 1) {
                int[] local = new int[count];
                for (int i = 0; i < count; i++) {
                    local[i] = i;
                }
                IntSorter.sort(
                        local,
                        0,
                        count,
                        (first, second) -> keyComparator.compare((K) unsorted[first], (K) unsorted[second]));
                int[] positions = Arrays.copyOfRange(order, from, from + count);
                Object[] sortedKeys = new Object[count];
                for (int i = 0; i < count; i++) {
                    order[from + i] = positions[local[i]];
                    sortedKeys[i] = unsorted[local[i]];
                }
                keys = sortedKeys;
            } else {
                keys = unsorted;
            }
            keysOfPartition = partition;
        }

        private Object keyAt(int position) {
            long address = addresses[position];
            return serializer.deserialize(pages[(int) (address >>> 32)], (int) address, keyLengths[position], null);
        }

        private Object valueAt(int position) {
            long address = addresses[position];
            int keyLength = keyLengths[position];
            return serializer.deserialize(
                    pages[(int) (address >>> 32)], (int) address + keyLength, lengths[position] - keyLength, null);
        }

        /** Writes the records of {@code partition} to {@code out} in order, as the serializer's stream would. */
        void writePartition(int partition, OutputStream out) throws IOException {
            sortPartition(partition);
            for (int i = starts[partition]; i < starts[partition + 1]; i++) {
                int position = order[i];
                long address = addresses[position];
                out.write(pages[(int) (address >>> 32)], (int) address, lengths[position]);
            }
        }

        /** A cursor over every record, deserializing keys a partition at a time and values one by one. */
        PartitionedCursor<K, V> cursor() {
            return new PartitionedCursor<>() {
                private int partition;
                private int index = -1;

                @Override
                public boolean advance() {
                    index++;
                    while (partition < numPartitions && index >= starts[partition + 1]) {
                        partition++;
                    }
                    if (partition >= numPartitions) {
                        return false;
                    }
                    sortPartition(partition);
                    return true;
                }

                @Override
                public int partition() {
                    return partition;
                }

                @Override
                @SuppressWarnings("unchecked")
                public K key() {
                    return (K) keys[index - starts[partition]];
                }

                @Override
                @SuppressWarnings("unchecked")
                public V value() {
                    return (V) valueAt(order[index]);
                }
            };
        }
    }

    /** The bytes of the record being serialized; reused for every record. */
    private static final class RecordBytes extends OutputStream {
        private byte[] bytes = new byte[256];
        private int length;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensure(int more) {
            if (bytes.length - length < more) {
                long wanted = Math.max((long) length + more, 2L * bytes.length);
                if (wanted > MAX_CAPACITY) {
                    throw new IllegalStateException("A record of more than " + MAX_CAPACITY + " bytes");
                }
                bytes = Arrays.copyOf(bytes, (int) wanted);
            }
        }
    }
}
