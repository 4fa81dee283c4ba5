package dev.ember.storage;

import dev.ember.StorageLevel;

/**
 * Tells the driver's {@link BlockRegistry} what a change left of a block held by one block manager: the level it is
 * now effectively stored at (memory and disk as found in the stores, not as asked) and its sizes, or that it is
 * gone. Blocks stored without {@code tellMaster} are never reported.
 *
 * <p>Called by whichever thread changed the block (a task's thread storing, reading or evicting blocks, the driver's
 * threads, the thread removing blocks for the driver, the block-receive pool storing a replica), while it holds the
 * block's write lock, so the sizes read here are those the change left.
 */
final class BlockStatusReporter {
    private final BlockManagerId id;
    private final BlockRegistry master;
    private final MemoryStore memoryStore;
    private final DiskStore diskStore;

    BlockStatusReporter(BlockManagerId id, BlockRegistry master, MemoryStore memoryStore, DiskStore diskStore) {
        this.id = id;
        this.master = master;
        this.memoryStore = memoryStore;
        this.diskStore = diskStore;
    }

    /** Reports where the block is now stored and how large it is. */
    void reportStatus(BlockId blockId, BlockInfo info) {
        if (!info.tellMaster()) {
            return;
        }
        long memorySize = memoryStore.getSize(blockId);
        long diskSize = diskStore.contains(blockId) ? diskStore.getSize(blockId) : 0;
        StorageLevel level = info.level();
        StorageLevel effective = StorageLevel.of(
                level.useDisk() && diskSize > 0,
                memorySize > 0,
                level.useOffHeap() && memorySize > 0,
                level.deserialized(),
                level.replication());
        master.updateBlockInfo(id, blockId, effective, memorySize, diskSize);
    }

    /** Reports that the block is no longer held here. */
    void reportRemoved(BlockId blockId, BlockInfo info) {
        if (info.tellMaster()) {
            master.updateBlockInfo(id, blockId, StorageLevel.NONE, 0, 0);
        }
    }
}
