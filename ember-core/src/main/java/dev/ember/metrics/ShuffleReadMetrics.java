package dev.ember.metrics;

import java.io.Serializable;

/** What a task read from shuffles: blocks and bytes from this executor and from others, records, wait time. */
public final class ShuffleReadMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long localBlocksFetched;
    private long remoteBlocksFetched;
    private long localBytesRead;
    private long remoteBytesRead;
    private long recordsRead;
    private long fetchWaitTimeMillis;

    public long localBlocksFetched() {
        return localBlocksFetched;
    }

    public long remoteBlocksFetched() {
        return remoteBlocksFetched;
    }

    public long localBytesRead() {
        return localBytesRead;
    }

    public long remoteBytesRead() {
        return remoteBytesRead;
    }

    public long totalBytesRead() {
        return localBytesRead + remoteBytesRead;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long fetchWaitTimeMillis() {
        return fetchWaitTimeMillis;
    }

    public void incLocalBlocksFetched(long blocks) {
        localBlocksFetched += blocks;
    }

    public void incLocalBytesRead(long bytes) {
        localBytesRead += bytes;
    }

    public void incRemoteBlocksFetched(long blocks) {
        remoteBlocksFetched += blocks;
    }

    public void incRemoteBytesRead(long bytes) {
        remoteBytesRead += bytes;
    }

    public void incRecordsRead(long records) {
        recordsRead += records;
    }

    public void incFetchWaitTime(long millis) {
        fetchWaitTimeMillis += millis;
    }
}
