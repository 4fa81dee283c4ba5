package dev.ember.metrics;

import java.io.Serializable;

/** Bytes and records a task wrote to shuffle files, and the time it spent writing. Task-thread confined. */
public final class ShuffleWriteMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long bytesWritten;
    private long recordsWritten;
    private long writeTimeNanos;

    public long bytesWritten() {
        return bytesWritten;
    }

    public long recordsWritten() {
        return recordsWritten;
    }

    public long writeTimeNanos() {
        return writeTimeNanos;
    }

    public void incBytesWritten(long bytes) {
        bytesWritten += bytes;
    }

    public void decBytesWritten(long bytes) {
        bytesWritten -= bytes;
    }

    public void incRecordsWritten(long records) {
        recordsWritten += records;
    }

    public void decRecordsWritten(long records) {
        recordsWritten -= records;
    }

    public void incWriteTime(long nanos) {
        writeTimeNanos += nanos;
    }
}
