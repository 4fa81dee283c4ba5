package dev.ember.storage;

import java.io.File;
import java.io.IOException;
import java.util.Optional;

/** Where a block manager finds the bytes of shuffle blocks it serves, and how it drops a shuffle's files. */
public interface ShuffleBlockSource {
    /** The bytes of one reduce partition of one map output held here. */
    Optional<BlockData> getShuffleBlockData(BlockId.ShuffleBlockId blockId);

    /** Deletes this executor's files of a shuffle. */
    boolean removeShuffle(int shuffleId);

    /**
     * The whole data or index file of a map output written or taken over here ({@link BlockId.ShuffleDataBlockId},
     * {@link BlockId.ShuffleIndexBlockId}); empty for anything else.
     */
    default Optional<File> mapOutputFile(BlockId blockId) {
        return Optional.empty();
    }

    /**
     * Takes over a map output written by another executor, from copies of its files next to where they go (see
     * {@link #mapOutputFile}): checks that the index matches the data, moves both into place, and from then on
     * serves and deletes them as if written here.
     */
    default void adoptMapOutput(int shuffleId, long mapId, File index, File data) throws IOException {
        throw new IOException("This block manager cannot take over map outputs");
    }
}
