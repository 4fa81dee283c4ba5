package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.shuffle.MapStatus;

/**
 * What a finished map stage wrote: the bytes of each reduce partition summed over its map outputs, and each map
 * output's share of a reduce partition. Sizes are the map statuses' (within 10%; zero exactly zero). Adaptive query
 * execution plans the stages after an exchange from these: it joins small reduce partitions, splits large ones by
 * map ranges, and broadcasts a side that turned out small.
 */
public final class MapOutputStatistics {
    private final int shuffleId;
    private final MapStatus[] statuses;
    private final long[] bytesByPartitionId;

    /** @param statuses every map output of the shuffle, none missing */
    public MapOutputStatistics(int shuffleId, MapStatus[] statuses, int numPartitions) {
        this.shuffleId = shuffleId;
        this.statuses = requireNonNull(statuses, "statuses is null").clone();
        this.bytesByPartitionId = new long[numPartitions];
        for (MapStatus status : this.statuses) {
            requireNonNull(status, "a map output is missing");
            for (int reducer = 0; reducer < numPartitions; reducer++) {
                bytesByPartitionId[reducer] += status.sizeForBlock(reducer);
            }
        }
    }

    public int shuffleId() {
        return shuffleId;
    }

    public int numMaps() {
        return statuses.length;
    }

    public int numPartitions() {
        return bytesByPartitionId.length;
    }

    /** Bytes of reduce partition {@code reducer} over all map outputs. */
    public long bytes(int reducer) {
        return bytesByPartitionId[reducer];
    }

    /** A copy of the bytes of every reduce partition. */
    public long[] bytesByPartitionId() {
        return bytesByPartitionId.clone();
    }

    /** Bytes of reduce partition {@code reducer} written by map output {@code mapIndex}. */
    public long bytes(int mapIndex, int reducer) {
        return statuses[mapIndex].sizeForBlock(reducer);
    }

    /** Every byte the stage wrote. */
    public long totalBytes() {
        long total = 0;
        for (long bytes : bytesByPartitionId) {
            total += bytes;
        }
        return total;
    }

    @Override
    public String toString() {
        return "MapOutputStatistics(shuffle " + shuffleId + ", " + statuses.length + " maps, "
                + bytesByPartitionId.length + " partitions, " + totalBytes() + " bytes)";
    }
}
