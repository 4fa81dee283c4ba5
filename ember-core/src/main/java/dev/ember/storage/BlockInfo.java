package dev.ember.storage;

import dev.ember.StorageLevel;

/**
 * What a block manager knows of one block, and who holds its lock. Guarded by the {@link BlockInfoManager}'s
 * monitor.
 */
public final class BlockInfo {
    static final long NO_WRITER = -1;

    private final StorageLevel level;
    private final boolean tellMaster;
    private long size;
    private int readerCount;
    private long writerTask = NO_WRITER;

    BlockInfo(StorageLevel level, boolean tellMaster) {
        this.level = level;
        this.tellMaster = tellMaster;
    }

    public StorageLevel level() {
        return level;
    }

    public boolean tellMaster() {
        return tellMaster;
    }

    public synchronized long size() {
        return size;
    }

    synchronized void setSize(long size) {
        this.size = size;
    }

    int readerCount() {
        return readerCount;
    }

    void setReaderCount(int readerCount) {
        this.readerCount = readerCount;
    }

    long writerTask() {
        return writerTask;
    }

    void setWriterTask(long writerTask) {
        this.writerTask = writerTask;
    }
}
