package dev.ember.shuffle;

import dev.ember.collection.SpillContext;
import dev.ember.io.CompressionCodec;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.shuffle.api.ShufflePartitions;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one map task's output of a {@link BlockShuffle}: the shuffle's writer gets a stream per reduce
 * partition, each backed by a temporary file that holds the partition's bytes already compressed, opened the first
 * time the partition is written; at the end the files are concatenated, in partition order, into the map output
 * through the {@link ShuffleMapOutputWriter} contract. Nothing is held in memory but a file buffer per partition
 * written, as for the records of the bypass writer, so there is nothing to spill.
 *
 * <p>Used on the map task's thread. Every call of {@link #write} ends with the map output committed, or with
 * everything it wrote deleted.
 */
final class BlockShuffleMapWriter<T> implements ShufflePartitions {
    private static final Logger LOG = LoggerFactory.getLogger(BlockShuffleMapWriter.class);

    private final BlockShuffleHandle<T> shuffle;
    private final long mapId;
    private final IndexShuffleBlockResolver resolver;
    private final SpillContext spill;
    private final BlockManagerId location;
    private final int fileBufferSize;
    private final MapOutputWriterFactory outputs;
    private final CompressionCodec codec;
    private final File[] files;
    /** The compressing streams over the files, which the engine closes. */
    private final OutputStream[] compressed;
    /** What the writer gets: the same streams, whose close does nothing. */
    private final OutputStream[] streams;

    BlockShuffleMapWriter(
            BlockShuffleHandle<T> shuffle,
            long mapId,
            IndexShuffleBlockResolver resolver,
            SpillContext spill,
            BlockManagerId location,
            int fileBufferSize,
            MapOutputWriterFactory outputs) {
        this.shuffle = shuffle;
        this.mapId = mapId;
        this.resolver = resolver;
        this.spill = spill;
        this.location = location;
        this.fileBufferSize = fileBufferSize;
        this.outputs = outputs;
        this.codec = spill.serializerManager().codecFor(new BlockId.ShuffleBlockId(shuffle.shuffleId(), mapId, 0));
        this.files = new File[shuffle.numPartitions()];
        this.compressed = new OutputStream[shuffle.numPartitions()];
        this.streams = new OutputStream[shuffle.numPartitions()];
    }

    @Override
    public int numPartitions() {
        return files.length;
    }

    @Override
    public OutputStream partition(int reducePartition) {
        if (reducePartition < 0 || reducePartition >= files.length) {
            throw new IndexOutOfBoundsException("Shuffle " + shuffle.shuffleId() + " has reduce partitions 0 to "
                    + (files.length - 1) + ", not " + reducePartition);
        }
        if (streams[reducePartition] == null) {
            File file =
                    spill.diskBlockManager().getFile(spill.diskBlockManager().createTempShuffleBlock());
            files[reducePartition] = file;
            try {
                compressed[reducePartition] = codec.compressedOutputStream(
                        new BufferedOutputStream(new FileOutputStream(file), fileBufferSize));
                streams[reducePartition] = new FilterOutputStream(compressed[reducePartition]) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() {
                        // The engine closes the partition's stream once the writer is done.
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open a temporary file for shuffle " + shuffle.shuffleId(), e);
            }
        }
        return streams[reducePartition];
    }

    /** Runs the shuffle's writer over {@code records} and commits the output; returns where it is. */
    MapStatus write(Iterator<T> records) throws IOException {
        long start = System.nanoTime();
        var metrics = spill.metrics().shuffleWriteMetrics();
        long[] recordsRead = {0};
        try {
            Iterator<T> counted = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public T next() {
                    T record = records.next();
                    recordsRead[0]++;
                    return record;
                }
            };
            shuffle.writer().write(counted, this);
            for (int partition = 0; partition < files.length; partition++) {
                if (compressed[partition] != null) {
                    OutputStream stream = compressed[partition];
                    compressed[partition] = null;
                    stream.close();
                }
            }
            long[] lengths = PartitionFiles.concatenate(outputs, shuffle.shuffleId(), mapId, files);
            // Counted only once committed: a failed attempt wrote nothing.
            metrics.incRecordsWritten(recordsRead[0]);
            for (long length : lengths) {
                metrics.incBytesWritten(length);
            }
            metrics.incWriteTime(System.nanoTime() - start);
            return MapStatus.of(location, lengths, mapId);
        } catch (IOException | RuntimeException | Error e) {
            for (OutputStream stream : compressed) {
                closeQuietly(stream);
            }
            resolver.removeDataByMap(shuffle.shuffleId(), mapId);
            throw e;
        } finally {
            deleteTemporaryFiles();
        }
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Failed to close a temporary shuffle stream", e);
        }
    }

    private void deleteTemporaryFiles() {
        for (File file : files) {
            if (file != null && file.exists() && !file.delete()) {
                LOG.warn("Failed to delete temporary shuffle file {}", file);
            }
        }
    }
}
