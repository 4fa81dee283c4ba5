package dev.ember.memory;

import dev.ember.storage.BlockId;
import java.util.Optional;

/**
 * Evicts cached blocks to make room. Implemented by the memory store. Called with the memory manager's lock
 * held, so implementations only try-lock blocks and never wait.
 */
public interface BlockEvictor {
    /**
     * Evicts blocks (never blocks of the same RDD as {@code forBlock}) until {@code space} bytes of {@code mode}
     * memory are free, or evicts nothing if that is impossible.
     *
     * @return bytes freed
     */
    long evictBlocksToFreeSpace(Optional<BlockId> forBlock, long space, MemoryMode mode);
}
