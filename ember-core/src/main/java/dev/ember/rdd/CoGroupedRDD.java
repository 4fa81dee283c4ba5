package dev.ember.rdd;

import dev.ember.Aggregator;
import dev.ember.CoGrouped3;
import dev.ember.CoGrouped4;
import dev.ember.Dependency;
import dev.ember.EmberContext;
import dev.ember.OneToOneDependency;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.PairShuffleDependency;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.collection.CompactBuffer;
import dev.ember.collection.ExternalSorter;
import dev.ember.executor.TaskContextImpl;
import dev.ember.internal.ContextInternals;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Groups the values of several pair RDDs by key: for each key, one list of values per parent. Parents already
 * partitioned by the target partitioner are read in place (one-to-one); the others are shuffled. Grouping spills
 * to disk under memory pressure. The base of cogroup, join and subtractByKey.
 */
public final class CoGroupedRDD<K> extends RDD<Pair<K, Object[]>> {
    private static final long serialVersionUID = 1L;

    private final Partitioner partitioner;
    private final int numParents;

    /** A value tagged with the parent it came from. */
    private record Tagged(int parent, Object value) implements Serializable {}

    /** Partition {@code index} of every parent: the parent's own partition where it is read in place. */
    record CoGroupPartition(int index, Partition[] narrowParents) implements Partition {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public CoGroupedRDD(EmberContext context, List<RDD<? extends Pair<K, ?>>> parents, Partitioner partitioner) {
        super(context, dependencies(context, parents, partitioner));
        this.partitioner = partitioner;
        this.numParents = parents.size();
    }

    /** One-to-one for parents already partitioned by {@code partitioner}, a shuffle for the others. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Dependency<?>> dependencies(
            EmberContext context, List<? extends RDD<?>> parents, Partitioner partitioner) {
        List<Dependency<?>> dependencies = new ArrayList<>();
        for (RDD<?> parent : parents) {
            if (parent.partitioner().isPresent() && parent.partitioner().get().equals(partitioner)) {
                dependencies.add(new OneToOneDependency<>(parent));
            } else {
                dependencies.add(new PairShuffleDependency(
                        (RDD) parent, partitioner, ContextInternals.env(context).serializer(), null, null, false));
            }
        }
        return dependencies;
    }

    /** {@code left.cogroup(right)}: for each key, the values from each side. */
    @SuppressWarnings("unchecked")
    public static <K, V, W> PairRDD<K, Pair<Iterable<V>, Iterable<W>>> cogroup(
            PairRDD<K, V> left, PairRDD<K, W> right, Partitioner partitioner) {
        CoGroupedRDD<K> grouped = new CoGroupedRDD<>(left.context(), List.of(left, right), partitioner);
        return PairRDD.of(grouped).mapValues(groups -> Pair.of((Iterable<V>) groups[0], (Iterable<W>) groups[1]));
    }

    /** {@code first.cogroup(second, third)}: for each key, the values from each of the three. */
    @SuppressWarnings("unchecked")
    public static <K, V, W1, W2> PairRDD<K, CoGrouped3<V, W1, W2>> cogroup(
            PairRDD<K, V> first, PairRDD<K, W1> second, PairRDD<K, W2> third, Partitioner partitioner) {
        CoGroupedRDD<K> grouped = new CoGroupedRDD<>(first.context(), List.of(first, second, third), partitioner);
        return PairRDD.of(grouped)
                .mapValues(groups ->
                        new CoGrouped3<>((Iterable<V>) groups[0], (Iterable<W1>) groups[1], (Iterable<W2>) groups[2]));
    }

    /** {@code first.cogroup(second, third, fourth)}: for each key, the values from each of the four. */
    @SuppressWarnings("unchecked")
    public static <K, V, W1, W2, W3> PairRDD<K, CoGrouped4<V, W1, W2, W3>> cogroup(
            PairRDD<K, V> first,
            PairRDD<K, W1> second,
            PairRDD<K, W2> third,
            PairRDD<K, W3> fourth,
            Partitioner partitioner) {
        CoGroupedRDD<K> grouped =
                new CoGroupedRDD<>(first.context(), List.of(first, second, third, fourth), partitioner);
        return PairRDD.of(grouped)
                .mapValues(groups -> new CoGrouped4<>(
                        (Iterable<V>) groups[0], (Iterable<W1>) groups[1], (Iterable<W2>) groups[2], (Iterable<W3>)
                                groups[3]));
    }

    @Override
    protected List<Partition> getPartitions() {
        return partitions(dependencies(), partitioner);
    }

    static List<Partition> partitions(List<Dependency<?>> dependencies, Partitioner partitioner) {
        List<Partition> partitions = new ArrayList<>(partitioner.numPartitions());
        for (int i = 0; i < partitioner.numPartitions(); i++) {
            Partition[] narrow = new Partition[dependencies.size()];
            for (int j = 0; j < dependencies.size(); j++) {
                if (dependencies.get(j) instanceof OneToOneDependency<?> oneToOne) {
                    narrow[j] = oneToOne.rdd().partitions().get(i);
                }
            }
            partitions.add(new CoGroupPartition(i, narrow));
        }
        return partitions;
    }

    @Override
    protected Iterator<Pair<K, Object[]>> compute(Partition split, TaskContext context) {
        return groups(dependencies(), split, context);
    }

    /** The records of parent {@code parent} for partition {@code split}: read in place or from its shuffle. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K> Iterator<? extends Pair<K, ?>> parentRecords(
            List<Dependency<?>> dependencies, int parent, Partition split, TaskContext context) {
        TaskContextImpl task = (TaskContextImpl) context;
        Dependency<?> dependency = dependencies.get(parent);
        if (dependency instanceof PairShuffleDependency shuffle) {
            return task.env()
                    .shuffleManager()
                    .getReader(
                            shuffle.handle(),
                            0,
                            shuffle.numMapPartitions(),
                            split.index(),
                            split.index() + 1,
                            context,
                            task.spillContext())
                    .read();
        }
        RDD<Pair<K, ?>> rdd = (RDD<Pair<K, ?>>) dependency.rdd();
        return rdd.iterator(((CoGroupPartition) split).narrowParents()[parent], context);
    }

    /** For each key of partition {@code split}, one {@link CompactBuffer} of values per parent. */
    @SuppressWarnings("unchecked")
    static <K> Iterator<Pair<K, Object[]>> groups(
            List<Dependency<?>> dependencies, Partition split, TaskContext context) {
        TaskContextImpl task = (TaskContextImpl) context;
        Iterator<Pair<K, Tagged>> tagged = Collections.emptyIterator();
        for (int i = 0; i < dependencies.size(); i++) {
            int parentIndex = i;
            Iterator<? extends Pair<K, ?>> source = parentRecords(dependencies, i, split, context);
            Iterator<Pair<K, Tagged>> taggedSource = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return source.hasNext();
                }

                @Override
                public Pair<K, Tagged> next() {
                    Pair<K, ?> pair = source.next();
                    return Pair.of(pair.key(), new Tagged(parentIndex, pair.value()));
                }
            };
            tagged = dev.ember.util.Iterators.concat(tagged, taggedSource);
        }
        int parents = dependencies.size();
        Aggregator<K, Tagged, Object[]> aggregator = new Aggregator<>(
                value -> {
                    Object[] groups = new Object[parents];
                    for (int i = 0; i < parents; i++) {
                        groups[i] = new CompactBuffer<>();
                    }
                    ((CompactBuffer<Object>) groups[value.parent()]).add(value.value());
                    return groups;
                },
                (groups, value) -> {
                    ((CompactBuffer<Object>) groups[value.parent()]).add(value.value());
                    return groups;
                },
                (first, second) -> {
                    for (int i = 0; i < parents; i++) {
                        ((CompactBuffer<Object>) first[i]).addAll((CompactBuffer<Object>) second[i]);
                    }
                    return first;
                });
        ExternalSorter<K, Tagged, Object[]> sorter = new ExternalSorter<>(
                task.spillContext(), aggregator, null, null, task.env().serializer());
        context.addTaskCompletionListener(ignored -> sorter.stop());
        sorter.insertAll(tagged);
        return sorter.iterator();
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }
}
