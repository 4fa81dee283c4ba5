package dev.ember.rdd;

import dev.ember.Dependency;
import dev.ember.EmberContext;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.RangeDependency;
import dev.ember.TaskContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The partitions of several RDDs side by side: no data moves. */
public final class UnionRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private record UnionPartition(int index, int parentIndex, Partition parentPartition) implements Partition {}

    private UnionRDD(EmberContext context, List<RDD<T>> parents) {
        super(context, dependencies(parents));
    }

    private static <T> List<Dependency<?>> dependencies(List<RDD<T>> parents) {
        List<Dependency<?>> dependencies = new ArrayList<>();
        int offset = 0;
        for (RDD<T> parent : parents) {
            int count = parent.getNumPartitions();
            dependencies.add(new RangeDependency<>(parent, 0, offset, count));
            offset += count;
        }
        return dependencies;
    }

    /**
     * The union of {@code rdds}: when all share a partitioner, partitions are merged pairwise and the partitioner
     * kept (so a later join needs no shuffle); otherwise they are placed side by side.
     */
    public static <T> RDD<T> of(EmberContext context, List<RDD<T>> rdds) {
        Optional<Partitioner> first = rdds.get(0).partitioner();
        boolean samePartitioner = first.isPresent()
                && rdds.stream().allMatch(rdd -> rdd.partitioner().equals(first));
        if (samePartitioner) {
            return new PartitionerAwareUnionRDD<>(context, rdds, first.get());
        }
        return new UnionRDD<>(context, rdds);
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        List<Dependency<?>> dependencies = dependencies();
        for (int parent = 0; parent < dependencies.size(); parent++) {
            for (Partition split : dependencies.get(parent).rdd().partitions()) {
                partitions.add(new UnionPartition(partitions.size(), parent, split));
            }
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition split, TaskContext context) {
        UnionPartition partition = (UnionPartition) split;
        RDD<T> parent = (RDD<T>) dependencies().get(partition.parentIndex()).rdd();
        return parent.iterator(partition.parentPartition(), context);
    }

    @Override
    protected List<String> getPreferredLocations(Partition split) {
        UnionPartition partition = (UnionPartition) split;
        return dependencies().get(partition.parentIndex()).rdd().preferredLocations(partition.parentPartition());
    }
}
