package dev.ember.storage;

import java.util.Optional;

/** Where a block manager finds the bytes of shuffle blocks it serves, and how it drops a shuffle's files. */
public interface ShuffleBlockSource {
    /** The bytes of one reduce partition of one map output held here. */
    Optional<BlockData> getShuffleBlockData(BlockId.ShuffleBlockId blockId);

    /** Deletes this executor's files of a shuffle. */
    boolean removeShuffle(int shuffleId);
}
