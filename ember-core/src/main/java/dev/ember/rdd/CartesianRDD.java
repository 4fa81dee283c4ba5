package dev.ember.rdd;

import dev.ember.Dependency;
import dev.ember.EmberContext;
import dev.ember.NarrowDependency;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every pair of elements of two RDDs. Partition {@code i * m + j} pairs partition {@code i} of the first with
 * partition {@code j} of the second (of {@code m}); the second partition is read once per element of the first,
 * so cache the second RDD when it is expensive.
 */
public final class CartesianRDD<T, U> extends RDD<Pair<T, U>> {
    private static final long serialVersionUID = 1L;

    private record CartesianPartition(int index, Partition first, Partition second) implements Partition {}

    public CartesianRDD(EmberContext context, RDD<T> first, RDD<U> second) {
        super(context, dependencies(first, second));
    }

    private static List<Dependency<?>> dependencies(RDD<?> first, RDD<?> second) {
        int secondCount = second.getNumPartitions();
        return List.of(new Side<>(first, true, secondCount), new Side<>(second, false, secondCount));
    }

    /** Partition {@code p} reads partition {@code p / m} of the first parent and {@code p % m} of the second. */
    private static final class Side<X> extends NarrowDependency<X> {
        private static final long serialVersionUID = 1L;

        private final boolean first;
        private final int secondCount;

        Side(RDD<X> rdd, boolean first, int secondCount) {
            super(rdd);
            this.first = first;
            this.secondCount = secondCount;
        }

        @Override
        public List<Integer> getParents(int partitionId) {
            return List.of(first ? partitionId / secondCount : partitionId % secondCount);
        }
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> firsts = dependencies().get(0).rdd().partitions();
        List<Partition> seconds = dependencies().get(1).rdd().partitions();
        List<Partition> partitions = new ArrayList<>(firsts.size() * seconds.size());
        for (Partition first : firsts) {
            for (Partition second : seconds) {
                partitions.add(new CartesianPartition(partitions.size(), first, second));
            }
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<T, U>> compute(Partition split, TaskContext context) {
        CartesianPartition partition = (CartesianPartition) split;
        RDD<T> first = (RDD<T>) dependencies().get(0).rdd();
        RDD<U> second = (RDD<U>) dependencies().get(1).rdd();
        Iterator<T> firsts = first.iterator(partition.first(), context);
        return new Iterator<>() {
            private T current;
            private Iterator<U> seconds = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!seconds.hasNext()) {
                    if (!firsts.hasNext()) {
                        return false;
                    }
                    current = firsts.next();
                    seconds = second.iterator(partition.second(), context);
                }
                return true;
            }

            @Override
            public Pair<T, U> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return Pair.of(current, seconds.next());
            }
        };
    }

    @Override
    protected List<String> getPreferredLocations(Partition split) {
        CartesianPartition partition = (CartesianPartition) split;
        Set<String> hosts = new LinkedHashSet<>(dependencies().get(0).rdd().preferredLocations(partition.first()));
        hosts.addAll(dependencies().get(1).rdd().preferredLocations(partition.second()));
        return List.copyOf(hosts);
    }
}
