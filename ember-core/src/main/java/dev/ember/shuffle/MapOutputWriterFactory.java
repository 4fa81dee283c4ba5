package dev.ember.shuffle;

import dev.ember.shuffle.api.ShuffleMapOutputWriter;

/**
 * Where a map-side writer (records sorted or not, or a block shuffle's bytes) gets the
 * {@link ShuffleMapOutputWriter} it writes its partitions through: the shuffle manager's
 * {@link ShuffleManager#createMapOutputWriter}, so that every kind of map output goes through the block layer.
 */
@FunctionalInterface
interface MapOutputWriterFactory {
    ShuffleMapOutputWriter create(int shuffleId, long mapId, int numPartitions);

    /** Map outputs as a data file and an index file in the local directories (the only storage there is today). */
    static MapOutputWriterFactory localDisk(IndexShuffleBlockResolver resolver, int fileBufferSize) {
        return (shuffleId, mapId, numPartitions) ->
                new LocalDiskShuffleMapOutputWriter(shuffleId, mapId, numPartitions, resolver, fileBufferSize);
    }
}
