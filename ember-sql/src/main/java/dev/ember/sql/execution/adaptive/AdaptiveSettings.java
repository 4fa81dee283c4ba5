package dev.ember.sql.execution.adaptive;

import java.io.Serializable;

/**
 * The settings adaptive execution plans with, read from the session when the query is planned.
 *
 * @param coalescePartitions whether small reduce partitions are read together ({@code
 *     ember.sql.adaptive.coalescePartitions.enabled})
 * @param advisoryPartitionBytes the size a partition is coalesced up to, and split down to ({@code
 *     ember.sql.adaptive.advisoryPartitionSizeInBytes})
 * @param minPartitionBytes coalesced partitions are not made smaller than this to keep every core busy ({@code
 *     ember.sql.adaptive.coalescePartitions.minPartitionSize})
 * @param minPartitions the number of partitions coalescing aims to keep at least, size permitting (twice the default
 *     parallelism)
 * @param skewJoin whether skewed partitions of shuffled joins are split ({@code ember.sql.adaptive.skewJoin.enabled})
 * @param skewFactor a partition is skewed when larger than this times the median ({@code
 *     ember.sql.adaptive.skewJoin.skewedPartitionFactor})
 * @param skewThresholdBytes ... and larger than this ({@code
 *     ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes})
 * @param broadcastThreshold a join side whose computed stage is at most this many bytes is broadcast; -1 never
 * @param shufflePartitions partitions of the exchanges the revised plan needs anew
 */
public record AdaptiveSettings(
        boolean coalescePartitions,
        long advisoryPartitionBytes,
        long minPartitionBytes,
        int minPartitions,
        boolean skewJoin,
        double skewFactor,
        long skewThresholdBytes,
        long broadcastThreshold,
        int shufflePartitions)
        implements Serializable {
    public AdaptiveSettings {
        if (advisoryPartitionBytes < 1 || minPartitionBytes < 1 || minPartitions < 1 || skewFactor <= 0) {
            throw new IllegalArgumentException("Adaptive execution settings must be positive");
        }
    }

    /** The size small partitions are read together up to, for {@code totalBytes} in all. */
    long coalesceTarget(long totalBytes) {
        long perPartition = (totalBytes + minPartitions - 1) / minPartitions;
        return Math.max(1, Math.min(advisoryPartitionBytes, Math.max(minPartitionBytes, perPartition)));
    }
}
