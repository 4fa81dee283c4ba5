package dev.ember.memory;

import dev.ember.storage.BlockId;
import java.util.Optional;

/** Memory for cached blocks and unrolling; frees space by asking the memory store to evict blocks. */
final class StorageMemoryPool extends MemoryPool {
    private final MemoryMode mode;
    private long memoryUsed;
    private BlockEvictor evictor;

    StorageMemoryPool(Object lock, MemoryMode mode) {
        super(lock);
        this.mode = mode;
    }

    void setEvictor(BlockEvictor evictor) {
        synchronized (lock) {
            this.evictor = evictor;
        }
    }

    @Override
    long memoryUsed() {
        synchronized (lock) {
            return memoryUsed;
        }
    }

    /** Acquires {@code bytes} for {@code blockId}, evicting other blocks if needed; false if it cannot. */
    boolean acquireMemory(Optional<BlockId> blockId, long bytes) {
        synchronized (lock) {
            long shortfall = Math.max(0, bytes - memoryFree());
            if (shortfall > 0 && evictor != null) {
                evictor.evictBlocksToFreeSpace(blockId, shortfall, mode);
            }
            boolean enough = bytes <= memoryFree();
            if (enough) {
                memoryUsed += bytes;
            }
            return enough;
        }
    }

    void releaseMemory(long bytes) {
        synchronized (lock) {
            if (bytes > memoryUsed) {
                memoryUsed = 0;
            } else {
                memoryUsed -= bytes;
            }
            // Tasks waiting for execution memory may now reclaim this.
            lock.notifyAll();
        }
    }

    /**
     * Frees up to {@code spaceToFree} bytes so the pool can shrink: free space first, then evicted blocks.
     *
     * @return bytes the pool may now shrink by
     */
    long freeSpaceToShrinkPool(long spaceToFree) {
        synchronized (lock) {
            long fromFree = Math.min(spaceToFree, memoryFree());
            long remaining = spaceToFree - fromFree;
            if (remaining > 0 && evictor != null) {
                long evicted = evictor.evictBlocksToFreeSpace(Optional.empty(), remaining, mode);
                // Evicting released the blocks' memory through releaseMemory, so it is now free.
                return fromFree + evicted;
            }
            return fromFree;
        }
    }
}
