package dev.ember.storage;

import dev.ember.io.CompressionCodec;
import dev.ember.io.NonClosingOutputStream;
import dev.ember.metrics.ShuffleWriteMetrics;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.SerializerInstance;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * Appends serialized records to a file in committed segments. Each segment is an independent compressed,
 * serialized stream, so a reader can start at any segment boundary; {@link #commitAndGet()} ends a segment and
 * returns its byte range, {@link #revertPartialWritesAndClose()} drops what was written since the last commit.
 *
 * <pre>
 *   records → serialization stream → compression → (non-closing) → buffer → file
 * </pre>
 *
 * Not thread-safe; used by one task.
 */
public final class DiskBlockObjectWriter implements Closeable {
    private static final int METRICS_UPDATE_INTERVAL = 16_384;

    private final File file;
    private final SerializerInstance serializer;
    private final CompressionCodec codec;
    private final int bufferSize;
    private final ShuffleWriteMetrics metrics;

    private FileOutputStream fileStream;
    private FileChannel channel;
    private BufferedOutputStream buffered;
    private OutputStream compressed;
    private SerializationStream objectStream;
    private boolean segmentOpen;
    private boolean closed;

    private long committedPosition;
    private long reportedPosition;
    private int recordsSinceCommit;

    public DiskBlockObjectWriter(
            File file,
            SerializerInstance serializer,
            CompressionCodec codec,
            int bufferSize,
            ShuffleWriteMetrics metrics) {
        this.file = file;
        this.serializer = serializer;
        this.codec = codec;
        this.bufferSize = bufferSize;
        this.metrics = metrics;
        // Appending to an existing file: what is already there counts as committed and is never reverted.
        this.committedPosition = file.length();
        this.reportedPosition = committedPosition;
    }

    public File file() {
        return file;
    }

    private void openSegment() {
        if (closed) {
            throw new IllegalStateException("Writer for " + file + " is closed");
        }
        try {
            if (fileStream == null) {
                fileStream = new FileOutputStream(file, true);
                channel = fileStream.getChannel();
                committedPosition = channel.position();
                reportedPosition = committedPosition;
                buffered = new BufferedOutputStream(fileStream, bufferSize);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open " + file + " for writing", e);
        }
        compressed = codec.compressedOutputStream(new NonClosingOutputStream(buffered));
        objectStream = serializer.serializeStream(compressed);
        segmentOpen = true;
    }

    /** Appends a key and a value. */
    public void write(Object key, Object value) {
        if (!segmentOpen) {
            openSegment();
        }
        objectStream.writeKey(key);
        objectStream.writeValue(value);
        recordWritten();
    }

    /** Appends one object. */
    public void write(Object value) {
        if (!segmentOpen) {
            openSegment();
        }
        objectStream.writeObject(value);
        recordWritten();
    }

    private void recordWritten() {
        recordsSinceCommit++;
        if (metrics != null) {
            metrics.incRecordsWritten(1);
            if (recordsSinceCommit % METRICS_UPDATE_INTERVAL == 0) {
                updateBytesWritten();
            }
        }
    }

    private void updateBytesWritten() {
        try {
            long position = channel.position();
            metrics.incBytesWritten(position - reportedPosition);
            reportedPosition = position;
        } catch (IOException e) {
            // Only a metric; the write path reports real failures.
        }
    }

    /** Ends the current segment and returns its range in the file (possibly empty). */
    public FileSegment commitAndGet() {
        try {
            if (segmentOpen) {
                objectStream.close();
                segmentOpen = false;
                objectStream = null;
                compressed = null;
            }
            if (fileStream == null) {
                return new FileSegment(file, committedPosition, 0);
            }
            buffered.flush();
            long position = channel.position();
            FileSegment segment = new FileSegment(file, committedPosition, position - committedPosition);
            if (metrics != null) {
                metrics.incBytesWritten(position - reportedPosition);
            }
            committedPosition = position;
            reportedPosition = position;
            recordsSinceCommit = 0;
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    /** Drops everything written since the last commit, and closes the file. */
    public void revertPartialWritesAndClose() {
        if (metrics != null) {
            metrics.decRecordsWritten(recordsSinceCommit);
            metrics.decBytesWritten(reportedPosition - committedPosition);
        }
        if (segmentOpen) {
            // Releases the codec's buffers; its bytes are cut off below anyway.
            try {
                objectStream.close();
            } catch (RuntimeException e) {
                // The writes are being thrown away; a failure to close them changes nothing.
            }
        }
        segmentOpen = false;
        objectStream = null;
        compressed = null;
        closeFile();
        if (file.exists()) {
            try (FileChannel truncating = new FileOutputStream(file, true).getChannel()) {
                truncating.truncate(committedPosition);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to revert writes to " + file, e);
            }
        }
    }

    /** Total length of what has been committed. */
    public long committedPosition() {
        return committedPosition;
    }

    /** Closes the file; an open segment is committed first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (segmentOpen) {
            commitAndGet();
        }
        closeFile();
    }

    private void closeFile() {
        closed = true;
        if (fileStream != null) {
            try {
                fileStream.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to close " + file, e);
            } finally {
                fileStream = null;
                channel = null;
                buffered = null;
            }
        }
    }
}
