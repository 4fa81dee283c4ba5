package dev.ember.rdd;

import dev.ember.Dependency;
import dev.ember.EmberContext;
import dev.ember.OneToOneDependency;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.Iterators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The union of RDDs with the same partitioner: partition {@code i} is the union of every parent's partition {@code i}. */
final class PartitionerAwareUnionRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private final Partitioner partitioner;

    private record MergedPartition(int index, Partition[] parents) implements Partition {}

    PartitionerAwareUnionRDD(EmberContext context, List<RDD<T>> parents, Partitioner partitioner) {
        super(context, dependencies(parents));
        this.partitioner = partitioner;
    }

    private static <T> List<Dependency<?>> dependencies(List<RDD<T>> parents) {
        List<Dependency<?>> dependencies = new ArrayList<>();
        for (RDD<T> parent : parents) {
            dependencies.add(new OneToOneDependency<>(parent));
        }
        return dependencies;
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Dependency<?>> dependencies = dependencies();
        List<Partition> partitions = new ArrayList<>(partitioner.numPartitions());
        for (int i = 0; i < partitioner.numPartitions(); i++) {
            Partition[] parents = new Partition[dependencies.size()];
            for (int j = 0; j < parents.length; j++) {
                parents[j] = dependencies.get(j).rdd().partitions().get(i);
            }
            partitions.add(new MergedPartition(i, parents));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition split, TaskContext context) {
        MergedPartition partition = (MergedPartition) split;
        List<Dependency<?>> dependencies = dependencies();
        Iterator<T> result = Collections.emptyIterator();
        for (int j = 0; j < dependencies.size(); j++) {
            RDD<T> parent = (RDD<T>) dependencies.get(j).rdd();
            result = Iterators.concat(result, parent.iterator(partition.parents()[j], context));
        }
        return result;
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return Optional.of(partitioner);
    }
}
