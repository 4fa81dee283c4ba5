package dev.ember.scheduler;

import dev.ember.Dependency;
import dev.ember.EmberContext;
import dev.ember.HashPartitioner;
import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.serializer.JavaSerializer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Minimal RDDs for scheduler tests: they only describe partitions and dependencies. Their tasks never run (the
 * scheduler under test talks to a fake task scheduler), so computing a partition is an error.
 */
final class TestRdds {
    private TestRdds() {}

    record IndexPartition(int index) implements Partition {}

    private static List<Partition> indexPartitions(int count) {
        List<Partition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            partitions.add(new IndexPartition(i));
        }
        return partitions;
    }

    /** An RDD of pairs with no parents. */
    static final class SourceRdd extends RDD<Pair<Integer, Integer>> {
        private static final long serialVersionUID = 1L;

        private final int numPartitions;

        SourceRdd(EmberContext context, int numPartitions) {
            super(context, List.of());
            this.numPartitions = numPartitions;
        }

        @Override
        protected List<Partition> getPartitions() {
            return indexPartitions(numPartitions);
        }

        @Override
        protected Iterator<Pair<Integer, Integer>> compute(Partition split, TaskContext context) {
            throw new UnsupportedOperationException("scheduler test RDDs are never computed");
        }
    }

    /** The reduce side of a shuffle: one partition per reducer of the dependency's partitioner. */
    static final class ShuffleReadRdd extends RDD<Pair<Integer, Integer>> {
        private static final long serialVersionUID = 1L;

        private final int numPartitions;

        ShuffleReadRdd(PairShuffleDependency<Integer, Integer, Integer> dependency) {
            super(dependency.rdd().context(), List.<Dependency<?>>of(dependency));
            this.numPartitions = dependency.partitioner().numPartitions();
        }

        @Override
        protected List<Partition> getPartitions() {
            return indexPartitions(numPartitions);
        }

        @Override
        protected Iterator<Pair<Integer, Integer>> compute(Partition split, TaskContext context) {
            throw new UnsupportedOperationException("scheduler test RDDs are never computed");
        }
    }

    /** A one-to-one child of another RDD. */
    static final class NarrowRdd extends RDD<Pair<Integer, Integer>> {
        private static final long serialVersionUID = 1L;

        NarrowRdd(RDD<Pair<Integer, Integer>> parent) {
            super(parent);
        }

        @Override
        protected List<Partition> getPartitions() {
            return indexPartitions(firstParent().getNumPartitions());
        }

        @Override
        protected Iterator<Pair<Integer, Integer>> compute(Partition split, TaskContext context) {
            throw new UnsupportedOperationException("scheduler test RDDs are never computed");
        }
    }

    /** A shuffle of {@code rdd} into {@code reducers} partitions. */
    static PairShuffleDependency<Integer, Integer, Integer> shuffle(RDD<Pair<Integer, Integer>> rdd, int reducers) {
        return new PairShuffleDependency<>(rdd, new HashPartitioner(reducers), new JavaSerializer(), null, null, false);
    }
}
