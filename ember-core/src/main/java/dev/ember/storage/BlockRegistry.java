package dev.ember.storage;

import dev.ember.StorageLevel;
import java.util.List;

/**
 * What a {@link BlockManager} tells and asks the driver's registry of blocks: the {@link BlockManagerMaster} itself
 * in the driver's process, an RPC client to it in an executor's.
 */
public interface BlockRegistry {
    /** Registers a block manager; {@code endpoint} is how the driver reaches it to remove blocks. */
    void registerBlockManager(
            BlockManagerId id, long maxOnHeapMemory, long maxOffHeapMemory, BlockManagerEndpoint endpoint);

    /** A block's new status on a block manager; a status that holds nothing removes the block. */
    void updateBlockInfo(BlockManagerId id, BlockId blockId, StorageLevel level, long memorySize, long diskSize);

    /** Block managers holding {@code blockId}, as far as the driver knows. */
    List<BlockManagerId> getLocations(BlockId blockId);

    /** The executors' block managers other than {@code self}: where replicas can go. */
    List<BlockManagerId> getPeers(BlockManagerId self);
}
