package dev.ember.rdd;

import dev.ember.Aggregator;
import dev.ember.Dependency;
import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.internal.ContextInternals;
import dev.ember.serializer.Serializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The result of a shuffle: partition {@code i} holds the pairs whose key the partitioner puts in {@code i},
 * combined by key when an aggregator is given and sorted by key when an ordering is.
 */
public final class ShuffledRDD<K, V, C> extends RDD<Pair<K, C>> {
    private static final long serialVersionUID = 1L;

    private final Partitioner partitioner;
    private final PairShuffleDependency<K, V, C> dependency;

    private record ShuffledPartition(int index) implements Partition {}

    /**
     * @param serializer null for the context's default
     * @param keyOrdering sort keys within partitions, or null
     * @param aggregator combine values by key, or null
     */
    public ShuffledRDD(
            RDD<Pair<K, V>> parent,
            Partitioner partitioner,
            Serializer serializer,
            Comparator<? super K> keyOrdering,
            Aggregator<K, V, C> aggregator,
            boolean mapSideCombine) {
        this(parent, partitioner, dependency(parent, partitioner, serializer, keyOrdering, aggregator, mapSideCombine));
    }

    private static <K, V, C> PairShuffleDependency<K, V, C> dependency(
            RDD<Pair<K, V>> parent,
            Partitioner partitioner,
            Serializer serializer,
            Comparator<? super K> keyOrdering,
            Aggregator<K, V, C> aggregator,
            boolean mapSideCombine) {
        return new PairShuffleDependency<>(
                parent,
                partitioner,
                serializer != null
                        ? serializer
                        : ContextInternals.env(parent.context()).serializer(),
                keyOrdering,
                aggregator,
                mapSideCombine);
    }

    private ShuffledRDD(RDD<Pair<K, V>> parent, Partitioner partitioner, PairShuffleDependency<K, V, C> dependency) {
        super(parent.context(), List.of(dependency));
        this.partitioner = partitioner;
        this.dependency = dependency;
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>(partitioner.numPartitions());
        for (int i = 0; i < partitioner.numPartitions(); i++) {
            partitions.add(new ShuffledPartition(i));
        }
        return partitions;
    }

    @Override
    protected Iterator<Pair<K, C>> compute(Partition split, TaskContext context) {
        TaskContextImpl task = (TaskContextImpl) context;
        return task.env()
                .shuffleManager()
                .getReader(
                        dependency.handle(),
                        0,
                        dependency.numMapPartitions(),
                        split.index(),
                        split.index() + 1,
                        context,
                        task.spillContext())
                .read();
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }

    /** The shuffle this RDD reads. */
    public PairShuffleDependency<K, V, C> shuffleDependency() {
        return dependency;
    }

    @Override
    protected List<Dependency<?>> getDependencies() {
        return List.of(dependency);
    }
}
