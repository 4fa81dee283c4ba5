package dev.ember.storage;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What the driver's {@link BlockManagerMaster} asks of one block manager. In local mode the block manager itself;
 * in cluster mode an RPC client to the executor.
 */
public interface BlockManagerEndpoint {
    /** Removes one block. */
    void removeBlock(BlockId blockId);

    /** Removes all cached partitions of an RDD; returns how many were removed. */
    int removeRdd(int rddId);

    /** Removes all blocks of a broadcast variable; returns how many were removed. */
    int removeBroadcast(long broadcastId, boolean tellMaster);

    /** Removes the map outputs of a shuffle held by this executor. */
    boolean removeShuffle(int shuffleId);

    /** Stores a replica of a block held elsewhere, from its serialized bytes; false if there was no room. */
    default boolean putReplica(BlockId blockId, StorageLevel level, ChunkedByteBuffer bytes) {
        return false;
    }

    /** Fetches a cached partition from {@code from} and stores it as a replica; completes with whether it did. */
    default CompletableFuture<Boolean> fetchReplica(BlockId blockId, StorageLevel level, BlockManagerId from) {
        return CompletableFuture.completedFuture(false);
    }

    /**
     * Fetches the files of a map output from {@code from} and serves them from here on, as if written here;
     * completes once they are in place.
     */
    default CompletableFuture<Void> takeMapOutput(int shuffleId, long mapId, BlockManagerId from) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("cannot take over map outputs"));
    }
}
