package dev.ember.shuffle;

import java.io.Serializable;

/**
 * What the shuffle manager decided when a shuffle was registered: which writer its map tasks use.
 *
 * @param shuffleId the shuffle
 * @param numMaps map partitions writing it
 * @param numPartitions reduce partitions reading it
 * @param writer how map tasks write
 */
public record ShuffleHandle(int shuffleId, int numMaps, int numPartitions, WriterKind writer) implements Serializable {
    /** The map-side writers, and when each is used. */
    public enum WriterKind {
        /**
         * One file per reduce partition, concatenated at the end: no sorting, no map-side combine. Chosen when the
         * shuffle has no map-side aggregation and at most {@code ember.shuffle.sort.bypassMergeThreshold}
         * partitions, and is not {@link #SORT_BY_KEY}.
         */
        BYPASS_MERGE_SORT,
        /** Records buffered (and combined) in memory, sorted by partition, spilled and merged: everything else. */
        SORT,
        /**
         * As {@link #SORT}, and sorted by the dependency's key ordering within each partition, so that reduce tasks
         * merge the blocks they read instead of sorting them. Chosen for shuffles with a key ordering and no
         * aggregation ({@code sortByKey}, {@code repartitionAndSortWithinPartitions}) unless
         * {@code ember.shuffle.sort.mapSideOrdering} is off.
         */
        SORT_BY_KEY,
        /**
         * Bytes of a {@code BlockShuffleDependency}'s own writer, a temporary file per partition written,
         * concatenated ({@code BlockShuffleMapWriter}). Chosen for every block shuffle.
         */
        BLOCKS
    }
}
