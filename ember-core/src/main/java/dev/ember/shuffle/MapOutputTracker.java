package dev.ember.shuffle;

import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.util.List;

/** Where the map outputs of a shuffle are, as a reduce task needs to know. */
public interface MapOutputTracker {
    /** One block to fetch: a map output's part for one reduce partition. */
    record ShuffleBlockInfo(BlockId.ShuffleBlockId blockId, long size, int mapIndex) {}

    /** The blocks to fetch from one block manager. */
    record BlocksByAddress(BlockManagerId address, List<ShuffleBlockInfo> blocks) {}

    /**
     * The non-empty blocks of reduce partitions {@code [startPartition, endPartition)} of map outputs
     * {@code [startMapIndex, endMapIndex)}, grouped by block manager.
     *
     * @throws FetchFailedException when a map output in the range is missing
     */
    List<BlocksByAddress> getMapSizesByExecutorId(
            int shuffleId, int startMapIndex, int endMapIndex, int startPartition, int endPartition);
}
