package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import dev.ember.Aggregator;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partitioner;
import dev.ember.serializer.Serializer;
import java.io.Serializable;
import java.util.Comparator;

/**
 * A shuffle of key-value records, as registered with the {@link ShuffleManager}: map tasks partition their records
 * with {@code partitioner}, serialize them with {@code serializer}, and optionally combine them by key
 * ({@code aggregator}, {@code mapSideCombine}) or sort them by key ({@code keyOrdering}).
 *
 * @param shuffleId the shuffle
 * @param numMaps map partitions writing it
 * @param partitioner which reduce partition each key goes to
 * @param serializer how records are written
 * @param keyOrdering the order of keys within each reduce partition, or null for none
 * @param aggregator how values are combined by key, or null for no combining
 * @param mapSideCombine whether map tasks combine too (requires an aggregator)
 * @param <K> key type
 * @param <V> value type of the map side's records
 * @param <C> combiner type when aggregating (the value type otherwise)
 */
public record RecordShuffle<K, V, C>(
        int shuffleId,
        int numMaps,
        Partitioner partitioner,
        Serializer serializer,
        Comparator<? super K> keyOrdering,
        Aggregator<K, V, C> aggregator,
        boolean mapSideCombine)
        implements Serializable {
    public RecordShuffle {
        requireNonNull(partitioner, "partitioner is null");
        requireNonNull(serializer, "serializer is null");
        if (mapSideCombine && aggregator == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Map-side combine needs an aggregator");
        }
    }
}
