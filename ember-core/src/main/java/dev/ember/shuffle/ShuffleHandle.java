package dev.ember.shuffle;

import java.io.Serializable;

/**
 * A registered shuffle as the shuffle layer sees it: what it moves and how its map tasks write it. The driver gets one
 * from {@link ShuffleManager#registerShuffle(RecordShuffle)} or {@link ShuffleManager#registerShuffle(BlockShuffle)}
 * when the shuffle's dependency is created; it travels to the tasks inside their binaries. Writers and readers take
 * the handle, never the dependency, so that nothing in this package needs the RDD graph.
 */
public sealed interface ShuffleHandle extends Serializable permits RecordShuffleHandle, BlockShuffleHandle {
    int shuffleId();

    /** Map partitions writing the shuffle. */
    int numMaps();

    /** Reduce partitions reading it. */
    int numPartitions();

    /** How map tasks write it, decided once when the shuffle was registered. */
    WriterKind writerKind();

    /** The map-side writers, and when each is used. */
    enum WriterKind {
        /**
         * One file per reduce partition, concatenated at the end: no sorting, no map-side combine. Chosen when the
         * shuffle has no map-side aggregation and at most {@code ember.shuffle.sort.bypassMergeThreshold}
         * partitions, and is not {@link #SORT_BY_KEY}.
         */
        BYPASS_MERGE_SORT,
        /** Records buffered (and combined) in memory, sorted by partition, spilled and merged: everything else. */
        SORT,
        /**
         * As {@link #SORT}, and sorted by the shuffle's key ordering within each partition, so that reduce tasks merge
         * the blocks they read instead of sorting them. Chosen for shuffles with a key ordering and no aggregation
         * ({@code sortByKey}, {@code repartitionAndSortWithinPartitions}) unless
         * {@code ember.shuffle.sort.mapSideOrdering} is off.
         */
        SORT_BY_KEY,
        /**
         * Bytes of a block shuffle's own writer, a temporary file per partition written, concatenated
         * ({@link BlockShuffleMapWriter}). Chosen for every {@link BlockShuffle}.
         */
        BLOCKS
    }
}
