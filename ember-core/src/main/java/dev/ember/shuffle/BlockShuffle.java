package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.shuffle.api.BlockShuffleWriter;
import java.io.Serializable;

/**
 * A shuffle of bytes of the user's own making, as registered with the {@link ShuffleManager}: each map task hands its
 * records to {@code writer}, which writes bytes to any of the {@code numPartitions} reduce partitions.
 *
 * @param shuffleId the shuffle
 * @param numMaps map partitions writing it
 * @param numPartitions reduce partitions reading it
 * @param writer the map side's writer
 * @param <T> the map side's record type
 */
public record BlockShuffle<T>(int shuffleId, int numMaps, int numPartitions, BlockShuffleWriter<T> writer)
        implements Serializable {
    public BlockShuffle {
        requireNonNull(writer, "writer is null");
        if (numPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A shuffle needs at least one reduce partition, not " + numPartitions);
        }
    }
}
