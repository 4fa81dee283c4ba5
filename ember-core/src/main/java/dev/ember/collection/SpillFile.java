package dev.ember.collection;

import dev.ember.Pair;
import dev.ember.serializer.DeserializationStream;
import dev.ember.serializer.Serializer;
import dev.ember.serializer.SerializerInstance;
import dev.ember.storage.BlockId;
import dev.ember.storage.BoundedInputStream;
import dev.ember.storage.DiskBlockObjectWriter;
import dev.ember.storage.FileSegment;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spill file of an {@link ExternalSorter}: the in-memory records in (partition, key) order, written in batches of
 * {@code ember.shuffle.spill.batchSize} records, each batch an independent compressed stream, and read back
 * partition by partition.
 *
 * @param batchSizes byte length of each batch
 * @param elementsPerPartition how many records of each partition the file holds
 */
record SpillFile(BlockId blockId, File file, long[] batchSizes, long[] elementsPerPartition) {
    private static final Logger LOG = LoggerFactory.getLogger(SpillFile.class);

    /** Writes every record of {@code cursor} to a new temporary file and counts its bytes as spilled. */
    static <K, C> SpillFile write(
            SpillContext spill, Serializer serializer, int numPartitions, PartitionedCursor<K, C> cursor) {
        BlockId.TempShuffleBlockId blockId = spill.diskBlockManager().createTempShuffleBlock();
        File file = spill.diskBlockManager().getFile(blockId);
        DiskBlockObjectWriter writer = new DiskBlockObjectWriter(
                file,
                serializer.newInstance(),
                spill.serializerManager().codecFor(blockId),
                spill.fileBufferSize(),
                null);
        List<Long> batchSizes = new ArrayList<>();
        long[] elementsPerPartition = new long[numPartitions];
        int inBatch = 0;
        boolean success = false;
        try {
            while (cursor.advance()) {
                elementsPerPartition[cursor.partition()]++;
                writer.write(cursor.key(), cursor.value());
                if (++inBatch == spill.batchSize()) {
                    batchSizes.add(writer.commitAndGet().length());
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                batchSizes.add(writer.commitAndGet().length());
            }
            writer.close();
            success = true;
        } finally {
            if (!success) {
                writer.revertPartialWritesAndClose();
                if (!file.delete()) {
                    LOG.warn("Could not delete failed spill file {}", file);
                }
            }
        }
        spill.metrics().incDiskBytesSpilled(file.length());
        long[] sizes = batchSizes.stream().mapToLong(Long::longValue).toArray();
        return new SpillFile(blockId, file, sizes, elementsPerPartition);
    }

    /** A reader of this file's records, partition by partition. */
    <K, C> Reader<K, C> reader(SpillContext spill, Serializer serializer) {
        return new Reader<>(this, spill, serializer.newInstance());
    }

    void delete() {
        if (file.exists() && !file.delete()) {
            LOG.warn("Could not delete spill file {}", file);
        }
    }

    /**
     * Reads a spill file back partition by partition. Batches are independent streams; a batch holds
     * {@code batchSize} records except the last.
     */
    static final class Reader<K, C> {
        private final SpillFile file;
        private final SpillContext spill;
        private final SerializerInstance instance;
        private final int numPartitions;
        private int partition;
        private long indexInPartition;
        private int batch;
        private long batchOffset;
        private int indexInBatch;
        private DeserializationStream stream;

        private Reader(SpillFile file, SpillContext spill, SerializerInstance instance) {
            this.file = file;
            this.spill = spill;
            this.instance = instance;
            this.numPartitions = file.elementsPerPartition().length;
            skipEmptyPartitions();
        }

        private void skipEmptyPartitions() {
            while (partition < numPartitions && indexInPartition == file.elementsPerPartition()[partition]) {
                partition++;
                indexInPartition = 0;
            }
        }

        /** The records of partition {@code wanted}; partitions are requested in increasing order. */
        Iterator<Pair<K, C>> readPartition(int wanted) {
            while (partition < wanted) {
                readRecord();
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = partition == wanted;
                    if (!more && partition >= numPartitions) {
                        close();
                    }
                    return more;
                }

                @Override
                public Pair<K, C> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return readRecord();
                }
            };
        }

        @SuppressWarnings("unchecked")
        private Pair<K, C> readRecord() {
            if (stream == null) {
                stream = openBatch();
            }
            Pair<K, C> record;
            try {
                K key = (K) stream.readKey();
                C value = (C) stream.readValue();
                record = Pair.of(key, value);
            } catch (EOFException e) {
                throw new IllegalStateException("Spill file " + file.file() + " ended early in batch " + batch, e);
            }
            if (++indexInBatch == spill.batchSize()) {
                close();
                batchOffset += file.batchSizes()[batch];
                batch++;
                indexInBatch = 0;
            }
            indexInPartition++;
            skipEmptyPartitions();
            if (partition >= numPartitions) {
                close();
            }
            return record;
        }

        private DeserializationStream openBatch() {
            FileSegment segment = new FileSegment(file.file(), batchOffset, file.batchSizes()[batch]);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(segment.file().toPath(), StandardOpenOption.READ);
                channel.position(segment.offset());
                InputStream bounded = new BoundedInputStream(Channels.newInputStream(channel), segment.length());
                InputStream buffered = new BufferedInputStream(bounded, spill.fileBufferSize());
                return instance.deserializeStream(
                        spill.serializerManager().wrapForCompression(file.blockId(), buffered));
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("Failed to open spill file " + file.file(), io);
                }
                throw (RuntimeException) e;
            }
        }

        /** Closes the open batch, if any; reading on opens the next one. */
        void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }
}
