package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.serializer.Serializer;
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

    private final Partitioner partitioner;
    private final Serializer serializer;
    private final Comparator<? super K> keyOrdering;
    private final Aggregator<K, V, C> aggregator;
    private final boolean mapSideCombine;

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
        this.partitioner = partitioner;
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.keyOrdering = keyOrdering;
        this.aggregator = aggregator;
        if (mapSideCombine && aggregator == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Map-side combine needs an aggregator");
        }
        this.mapSideCombine = mapSideCombine;
        register();
    }

    public Partitioner partitioner() {
        return partitioner;
    }

    public Serializer serializer() {
        return serializer;
    }

    public Optional<Comparator<? super K>> keyOrdering() {
        return Optional.ofNullable(keyOrdering);
    }

    public Optional<Aggregator<K, V, C>> aggregator() {
        return Optional.ofNullable(aggregator);
    }

    public boolean mapSideCombine() {
        return mapSideCombine;
    }
}
