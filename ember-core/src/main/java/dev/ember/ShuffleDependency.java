package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.serializer.Serializer;
import dev.ember.shuffle.ShuffleHandle;
import java.util.Comparator;
import java.util.Optional;

/**
 * A dependency on the output of a shuffle: every child partition reads a piece of every parent partition, so the
 * parent RDD is computed in a separate stage whose tasks partition their records with {@link #partitioner()}.
 *
 * <p>The parent RDD reference lives only on the driver; executors get the parent through the task that writes
 * the shuffle, so the lineage shipped to reduce tasks stops here.
 *
 * @param <K> key type
 * @param <V> value type of the parent's pairs
 * @param <C> combiner type when aggregating (the value type otherwise)
 */
public final class ShuffleDependency<K, V, C> extends Dependency<Pair<K, V>> {
    private static final long serialVersionUID = 1L;

    private final transient RDD<Pair<K, V>> rdd;
    private final Partitioner partitioner;
    private final Serializer serializer;
    private final Comparator<? super K> keyOrdering;
    private final Aggregator<K, V, C> aggregator;
    private final boolean mapSideCombine;
    private final int shuffleId;
    private final int numMapPartitions;
    private final ShuffleHandle handle;

    /**
     * Registers a new shuffle of {@code rdd}.
     *
     * @param keyOrdering sort keys within each reduce partition, or null
     * @param aggregator combine values by key, or null
     * @param mapSideCombine also combine in the map tasks (requires an aggregator)
     */
    public ShuffleDependency(
            RDD<Pair<K, V>> rdd,
            Partitioner partitioner,
            Serializer serializer,
            Comparator<? super K> keyOrdering,
            Aggregator<K, V, C> aggregator,
            boolean mapSideCombine) {
        this.rdd = requireNonNull(rdd, "rdd is null");
        this.partitioner = requireNonNull(partitioner, "partitioner is null");
        this.serializer = requireNonNull(serializer, "serializer is null");
        this.keyOrdering = keyOrdering;
        this.aggregator = aggregator;
        if (mapSideCombine && aggregator == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Map-side combine needs an aggregator");
        }
        this.mapSideCombine = mapSideCombine;
        EmberContext context = rdd.context();
        this.shuffleId = context.newShuffleId();
        this.numMapPartitions = rdd.getNumPartitions();
        this.handle = context.env().shuffleManager().registerShuffle(shuffleId, this);
        context.registerShuffleForCleanup(this);
    }

    /** The parent RDD; only available on the driver. */
    @Override
    public RDD<Pair<K, V>> rdd() {
        if (rdd == null) {
            throw new EmberException(
                    ErrorClass.INVALID_RDD_USAGE,
                    "The parent of shuffle " + shuffleId + " is only known on the driver");
        }
        return rdd;
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

    public int shuffleId() {
        return shuffleId;
    }

    /** How many map partitions (partitions of the parent RDD) write this shuffle. */
    public int numMapPartitions() {
        return numMapPartitions;
    }

    public ShuffleHandle handle() {
        return handle;
    }
}
