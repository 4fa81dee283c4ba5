package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.OneToOneDependency;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.function.Function2;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Combines partition {@code i} of two RDDs with a function; both must have the same number of partitions. */
public final class ZippedPartitionsRDD<A, B, V> extends RDD<V> {
    private static final long serialVersionUID = 1L;

    private final Function2<Iterator<A>, Iterator<B>, Iterator<V>> function;
    private final boolean preservesPartitioning;

    private record ZippedPartition(int index, Partition first, Partition second) implements Partition {}

    public ZippedPartitionsRDD(
            RDD<A> first,
            RDD<B> second,
            Function2<Iterator<A>, Iterator<B>, Iterator<V>> function,
            boolean preservesPartitioning) {
        super(first.context(), List.of(new OneToOneDependency<>(first), new OneToOneDependency<>(second)));
        if (first.getNumPartitions() != second.getNumPartitions()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Can't zip RDDs with unequal numbers of partitions: [" + first.getNumPartitions() + ", "
                            + second.getNumPartitions() + "]");
        }
        this.function = function;
        this.preservesPartitioning = preservesPartitioning;
    }

    /** Pairs the elements of two RDDs position by position. */
    public static <A, B> RDD<Pair<A, B>> zip(RDD<A> first, RDD<B> second) {
        return new ZippedPartitionsRDD<A, B, Pair<A, B>>(
                first,
                second,
                (left, right) -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        boolean leftMore = left.hasNext();
                        if (leftMore != right.hasNext()) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "Can only zip RDDs with the same number of elements in each partition");
                        }
                        return leftMore;
                    }

                    @Override
                    public Pair<A, B> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return Pair.of(left.next(), right.next());
                    }
                },
                false);
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> firsts = dependencies().get(0).rdd().partitions();
        List<Partition> seconds = dependencies().get(1).rdd().partitions();
        List<Partition> partitions = new ArrayList<>(firsts.size());
        for (int i = 0; i < firsts.size(); i++) {
            partitions.add(new ZippedPartition(i, firsts.get(i), seconds.get(i)));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<V> compute(Partition split, TaskContext context) {
        ZippedPartition partition = (ZippedPartition) split;
        RDD<A> first = (RDD<A>) dependencies().get(0).rdd();
        RDD<B> second = (RDD<B>) dependencies().get(1).rdd();
        return Functions.call(
                function, first.iterator(partition.first(), context), second.iterator(partition.second(), context));
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return preservesPartitioning ? firstParent().partitioner() : Optional.empty();
    }
}
