package dev.ember.files;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.metrics.InputMetrics;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the fixed-length records of one split, whose start and length are whole numbers of records
 * ({@link FileInput#recordSplits}). Each record is a new array. A file that ends inside the split (it shrank since
 * the splits were planned) fails the task, naming the file and where.
 */
public final class RecordReader implements Iterator<byte[]>, Closeable {
    private static final int BUFFER = 64 * 1024;

    private final FileSplit split;
    private final int recordLength;
    private final InputMetrics metrics;
    private final InputStream in;
    private long remaining;

    public RecordReader(FileSplit split, int recordLength, InputMetrics metrics) {
        this.split = split;
        this.recordLength = recordLength;
        this.metrics = metrics;
        this.remaining = split.length() / recordLength;
        try {
            FileChannel channel = FileChannel.open(Path.of(split.path()), StandardOpenOption.READ);
            try {
                channel.position(split.start());
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Cannot open input file file:" + split.path() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean hasNext() {
        if (remaining == 0) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long position = split.end() - remaining * recordLength;
        byte[] record;
        try {
            record = in.readNBytes(recordLength);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Failed reading file:" + split.path() + " at byte " + position + ": " + e.getMessage(),
                    e);
        }
        if (record.length < recordLength) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "file:" + split.path() + " ended at byte " + (position + record.length) + ", inside a record of "
                            + recordLength + " bytes: it was shorter than when the job was planned");
        }
        remaining--;
        if (metrics != null) {
            metrics.incBytesRead(recordLength);
            metrics.incRecordsRead(1);
        }
        return record;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Reading is done; a failure to close a read-only file loses nothing.
        }
    }
}
