package dev.ember.shuffle;

import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The non-empty blocks of reduce partitions {@code [startPartition, endPartition)} of the map outputs in
     * {@code [startMapIndex, endMapIndex)} of {@code statuses} (null where missing), grouped by block manager.
     *
     * @throws FetchFailedException when a map output in the range is missing
     */
    static List<BlocksByAddress> blocksByAddress(
            int shuffleId,
            MapStatus[] statuses,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition) {
        Map<BlockManagerId, List<ShuffleBlockInfo>> byAddress = new LinkedHashMap<>();
        int end = Math.min(endMapIndex, statuses.length);
        for (int mapIndex = startMapIndex; mapIndex < end; mapIndex++) {
            MapStatus mapStatus = statuses[mapIndex];
            if (mapStatus == null) {
                throw new FetchFailedException(
                        null,
                        shuffleId,
                        -1,
                        mapIndex,
                        startPartition,
                        "Missing an output location for shuffle " + shuffleId + " map partition " + mapIndex,
                        null);
            }
            for (int reduceId = startPartition; reduceId < endPartition; reduceId++) {
                long size = mapStatus.sizeForBlock(reduceId);
                if (size > 0) {
                    byAddress
                            .computeIfAbsent(mapStatus.location(), ignored -> new ArrayList<>())
                            .add(new ShuffleBlockInfo(
                                    new BlockId.ShuffleBlockId(shuffleId, mapStatus.mapId(), reduceId),
                                    size,
                                    mapIndex));
                }
            }
        }
        List<BlocksByAddress> result = new ArrayList<>(byAddress.size());
        byAddress.forEach((address, blocks) -> result.add(new BlocksByAddress(address, List.copyOf(blocks))));
        return result;
    }
}
