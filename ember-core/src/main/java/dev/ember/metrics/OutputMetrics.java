package dev.ember.metrics;

import java.io.Serializable;

/** What a task wrote to output files. */
public final class OutputMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long bytesWritten;
    private long recordsWritten;

    public long bytesWritten() {
        return bytesWritten;
    }

    public long recordsWritten() {
        return recordsWritten;
    }

    public void incBytesWritten(long bytes) {
        bytesWritten += bytes;
    }

    public void incRecordsWritten(long records) {
        recordsWritten += records;
    }
}
