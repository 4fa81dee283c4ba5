package dev.ember.metrics;

import java.io.Serializable;

/** What a task read from input files or cached blocks. */
public final class InputMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long bytesRead;
    private long recordsRead;

    public long bytesRead() {
        return bytesRead;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public void incBytesRead(long bytes) {
        bytesRead += bytes;
    }

    public void incRecordsRead(long records) {
        recordsRead += records;
    }
}
