package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.serializer.Serializer;
import dev.ember.shuffle.RecordShuffle;
import dev.ember.shuffle.RecordShuffleHandle;
import java.util.Comparator;
import java.util.Optional;

/**
 * A shuffle of key-value records: map tasks partition their records with {@link #partitioner()}, serialize them with
 * {@link #serializer()}, and optionally combine them by key ({@link #aggregator()}, {@link #mapSideCombine()}) or
 * sort them by key ({@link #keyOrdering()}); reduce tasks read the records back. The RDD API's shuffles
 * ({@code reduceByKey}, {@code groupByKey}, {@code sortByKey}, joins, {@code repartition}) are these.
 *
 * @param <K> key type
 * @param <V> value type of the parent's pairs
 * @param <C> combiner type when aggregating (the value type otherwise)
 */
public final class PairShuffleDependency<K, V, C> extends ShuffleDependency<Pair<K, V>> {
    private static final long serialVersionUID = 1L;

    private final RecordShuffleHandle<K, V, C> handle;

    /**
     * Registers a new shuffle of {@code rdd}.
     *
     * @param keyOrdering sort keys within each reduce partition, or null
     * @param aggregator combine values by key, or null
     * @param mapSideCombine also combine in the map tasks (requires an aggregator)
     */
    public PairShuffleDependency(
            RDD<Pair<K, V>> rdd,
            Partitioner partitioner,
            Serializer serializer,
            Comparator<? super K> keyOrdering,
            Aggregator<K, V, C> aggregator,
            boolean mapSideCombine) {
        super(rdd, requireNonNull(partitioner, "partitioner is null").numPartitions());
        this.handle = shuffleManager()
                .registerShuffle(new RecordShuffle<>(
                        shuffleId(),
                        numMapPartitions(),
                        partitioner,
                        serializer,
                        keyOrdering,
                        aggregator,
                        mapSideCombine));
        registerForCleanup();
    }

    public Partitioner partitioner() {
        return handle.partitioner();
    }

    public Serializer serializer() {
        return handle.serializer();
    }

    public Optional<Comparator<? super K>> keyOrdering() {
        return handle.keyOrdering();
    }

    public Optional<Aggregator<K, V, C>> aggregator() {
        return handle.aggregator();
    }

    public boolean mapSideCombine() {
        return handle.mapSideCombine();
    }

    @Override
    public RecordShuffleHandle<K, V, C> handle() {
        return handle;
    }
}
