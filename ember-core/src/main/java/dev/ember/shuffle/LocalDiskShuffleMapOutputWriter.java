package dev.ember.shuffle;

import dev.ember.shuffle.api.MapOutputCommitMessage;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.shuffle.api.ShufflePartitionWriter;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a map output to a temporary data file on local disk; the commit writes the index and renames both into
 * place through the {@link IndexShuffleBlockResolver}.
 */
public final class LocalDiskShuffleMapOutputWriter implements ShuffleMapOutputWriter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDiskShuffleMapOutputWriter.class);

    private final int shuffleId;
    private final long mapId;
    private final IndexShuffleBlockResolver resolver;
    private final int bufferSize;
    private final long[] lengths;

    private File tempFile;
    private FileOutputStream fileStream;
    private BufferedOutputStream out;
    private int lastPartition = -1;
    private PartitionStream openPartition;

    public LocalDiskShuffleMapOutputWriter(
            int shuffleId, long mapId, int numPartitions, IndexShuffleBlockResolver resolver, int bufferSize) {
        this.shuffleId = shuffleId;
        this.mapId = mapId;
        this.resolver = resolver;
        this.bufferSize = bufferSize;
        this.lengths = new long[numPartitions];
    }

    @Override
    public ShufflePartitionWriter getPartitionWriter(int reducePartitionId) throws IOException {
        if (reducePartitionId <= lastPartition) {
            throw new IllegalArgumentException(
                    "Partitions must be written in increasing order: " + reducePartitionId + " after " + lastPartition);
        }
        if (openPartition != null && !openPartition.closed) {
            throw new IllegalStateException("Partition " + lastPartition + " is still open");
        }
        lastPartition = reducePartitionId;
        if (out == null) {
            tempFile = resolver.tempDataFile(shuffleId, mapId);
            fileStream = new FileOutputStream(tempFile);
            out = new BufferedOutputStream(fileStream, bufferSize);
        }
        int partition = reducePartitionId;
        return new ShufflePartitionWriter() {
            private PartitionStream stream;

            @Override
            public OutputStream openStream() {
                if (stream == null) {
                    stream = new PartitionStream(partition);
                    openPartition = stream;
                }
                return stream;
            }

            @Override
            public long getNumBytesWritten() {
                return stream == null ? 0 : stream.count;
            }
        };
    }

    @Override
    public MapOutputCommitMessage commitAllPartitions() throws IOException {
        if (openPartition != null && !openPartition.closed) {
            throw new IllegalStateException("Partition " + lastPartition + " is still open at commit");
        }
        if (out != null) {
            out.close();
            out = null;
        }
        resolver.writeIndexAndCommit(shuffleId, mapId, lengths, tempFile);
        return new MapOutputCommitMessage(lengths);
    }

    @Override
    public void abort(Throwable error) {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            error.addSuppressed(e);
        }
        if (tempFile != null && tempFile.exists() && !tempFile.delete()) {
            LOG.warn("Failed to delete temporary shuffle file {}", tempFile);
        }
    }

    /** Counts one partition's bytes into the shared file stream; closing it ends the partition only. */
    private final class PartitionStream extends OutputStream {
        private final int partition;
        private long count;
        private boolean closed;

        PartitionStream(int partition) {
            this.partition = partition;
        }

        @Override
        public void write(int value) throws IOException {
            checkOpen();
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            out.write(bytes, offset, length);
            count += length;
        }

        private void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("Partition " + partition + " stream is closed");
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                lengths[partition] = count;
            }
        }
    }
}
