package dev.ember.storage;

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
}
