package dev.ember;

import dev.ember.shuffle.BlockShuffle;
import dev.ember.shuffle.BlockShuffleHandle;
import dev.ember.shuffle.api.BlockShuffleWriter;

/**
 * A shuffle of bytes of the user's own making: each map task hands its partition of the parent RDD to
 * {@link #writer()}, which writes bytes to any of the {@link #numPartitions()} reduce partitions; reduce tasks read
 * the blocks of their partition back as streams (see {@link dev.ember.rdd.BlockShuffledRDD}). The engine stores,
 * compresses, fetches and cleans up those bytes exactly as it does a {@link PairShuffleDependency}'s: map outputs are
 * the same files, fetch failures recompute the lost outputs, and decommissioned executors hand them over.
 *
 * @param <T> the parent RDD's element type
 */
public final class BlockShuffleDependency<T> extends ShuffleDependency<T> {
    private static final long serialVersionUID = 1L;

    private final BlockShuffleHandle<T> handle;

    /** Registers a new shuffle of {@code rdd} into {@code numPartitions} reduce partitions, written by {@code writer}. */
    public BlockShuffleDependency(RDD<T> rdd, int numPartitions, BlockShuffleWriter<T> writer) {
        super(rdd, numPartitions);
        this.handle = shuffleManager()
                .registerShuffle(new BlockShuffle<>(shuffleId(), numMapPartitions(), numPartitions, writer));
        registerForCleanup();
    }

    public BlockShuffleWriter<T> writer() {
        return handle.writer();
    }

    @Override
    public BlockShuffleHandle<T> handle() {
        return handle;
    }
}
