package dev.ember.storage;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;

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
}
