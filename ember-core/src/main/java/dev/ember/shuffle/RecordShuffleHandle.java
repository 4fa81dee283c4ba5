package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import dev.ember.Aggregator;
import dev.ember.Partitioner;
import dev.ember.serializer.Serializer;
import java.util.Comparator;
import java.util.Optional;

/**
 * A registered {@link RecordShuffle} and the writer its map tasks use.
 *
 * @param shuffle what is shuffled and how
 * @param writerKind one of the record writers ({@link WriterKind#SORT}, {@link WriterKind#SORT_BY_KEY},
 *     {@link WriterKind#BYPASS_MERGE_SORT})
 */
public record RecordShuffleHandle<K, V, C>(RecordShuffle<K, V, C> shuffle, WriterKind writerKind)
        implements ShuffleHandle {
    public RecordShuffleHandle {
        requireNonNull(shuffle, "shuffle is null");
        if (requireNonNull(writerKind, "writerKind is null") == WriterKind.BLOCKS) {
            throw new IllegalArgumentException("Records are not written by the block writer");
        }
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
        return shuffle.partitioner().numPartitions();
    }

    public Partitioner partitioner() {
        return shuffle.partitioner();
    }

    public Serializer serializer() {
        return shuffle.serializer();
    }

    public Optional<Comparator<? super K>> keyOrdering() {
        return Optional.ofNullable(shuffle.keyOrdering());
    }

    public Optional<Aggregator<K, V, C>> aggregator() {
        return Optional.ofNullable(shuffle.aggregator());
    }

    public boolean mapSideCombine() {
        return shuffle.mapSideCombine();
    }
}
