package dev.ember.rdd;

import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Applies a function to each partition of its parent: the RDD behind map, filter, flatMap, mapPartitions. */
public final class MapPartitionsRDD<U, T> extends RDD<U> {
    private static final long serialVersionUID = 1L;

    /** Turns a parent partition's values into this RDD's. */
    @FunctionalInterface
    public interface Transform<T, U> extends Serializable {
        Iterator<U> apply(TaskContext context, int partitionIndex, Iterator<T> values);
    }

    private final Transform<T, U> transform;
    private final boolean preservesPartitioning;

    public MapPartitionsRDD(RDD<T> parent, Transform<T, U> transform, boolean preservesPartitioning) {
        super(parent);
        this.transform = transform;
        this.preservesPartitioning = preservesPartitioning;
    }

    @Override
    protected List<Partition> getPartitions() {
        return firstParent().partitions();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<U> compute(Partition split, TaskContext context) {
        RDD<T> parent = (RDD<T>) firstParent();
        return transform.apply(context, split.index(), parent.iterator(split, context));
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return preservesPartitioning ? firstParent().partitioner() : Optional.empty();
    }
}
