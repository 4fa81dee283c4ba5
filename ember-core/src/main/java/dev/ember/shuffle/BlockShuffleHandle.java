package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import dev.ember.shuffle.api.BlockShuffleWriter;

/**
 * A registered {@link BlockShuffle}; always written by {@link WriterKind#BLOCKS}.
 *
 * @param shuffle what is shuffled and by which writer
 */
public record BlockShuffleHandle<T>(BlockShuffle<T> shuffle) implements ShuffleHandle {
    public BlockShuffleHandle {
        requireNonNull(shuffle, "shuffle is null");
    }

    @Override
    public int shuffleId() {
        return shuffle.shuffleId();
    }

    @Override
    public int numMaps() {
        return shuffle.numMaps();
    }

    @Override
    public int numPartitions() {
        return shuffle.numPartitions();
    }

    @Override
    public WriterKind writerKind() {
        return WriterKind.BLOCKS;
    }

    /** The map side's writer of bytes. */
    public BlockShuffleWriter<T> writer() {
        return shuffle.writer();
    }
}
