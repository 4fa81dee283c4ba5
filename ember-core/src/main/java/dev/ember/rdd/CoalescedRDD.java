package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.NarrowDependency;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.Iterators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fewer partitions without a shuffle: each partition is a run of neighbouring parent partitions, the runs as even
 * as the counts allow. Its preferred host is the one most of its parents prefer.
 */
public final class CoalescedRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private record Group(int index, int[] parentIndexes, Partition[] parents) implements Partition {}

    /** Fails unless {@code numPartitions} is positive: the check of {@code coalesce} and {@code repartition}. */
    public static void checkPartitionCount(int numPartitions) {
        if (numPartitions <= 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Number of partitions (" + numPartitions + ") must be positive");
        }
    }

    public CoalescedRDD(RDD<T> parent, int maxPartitions) {
        super(
                parent.context(),
                List.of(new GroupDependency<>(parent, groups(parent.getNumPartitions(), maxPartitions))));
    }

    /** Parent indexes of each group: {@code n} runs of neighbours, sizes differing by at most one. */
    static int[][] groups(int parents, int maxPartitions) {
        int count = Math.min(parents, maxPartitions);
        int[][] groups = new int[count][];
        for (int i = 0; i < count; i++) {
            int from = (int) ((long) i * parents / count);
            int to = (int) ((long) (i + 1) * parents / count);
            groups[i] = new int[to - from];
            for (int j = from; j < to; j++) {
                groups[i][j - from] = j;
            }
        }
        return groups;
    }

    private static final class GroupDependency<T> extends NarrowDependency<T> {
        private static final long serialVersionUID = 1L;

        private final int[][] groups;

        GroupDependency(RDD<T> rdd, int[][] groups) {
            super(rdd);
            this.groups = groups;
        }

        @Override
        public List<Integer> getParents(int partitionId) {
            List<Integer> parents = new ArrayList<>(groups[partitionId].length);
            for (int index : groups[partitionId]) {
                parents.add(index);
            }
            return parents;
        }

        int[][] groups() {
            return groups;
        }
    }

    @Override
    protected List<Partition> getPartitions() {
        GroupDependency<?> dependency = (GroupDependency<?>) dependencies().get(0);
        List<Partition> parentPartitions = dependency.rdd().partitions();
        int[][] groups = dependency.groups();
        List<Partition> partitions = new ArrayList<>(groups.length);
        for (int i = 0; i < groups.length; i++) {
            Partition[] parents = new Partition[groups[i].length];
            for (int j = 0; j < parents.length; j++) {
                parents[j] = parentPartitions.get(groups[i][j]);
            }
            partitions.add(new Group(i, groups[i], parents));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition split, TaskContext context) {
        RDD<T> parent = (RDD<T>) firstParent();
        Iterator<T> result = Collections.emptyIterator();
        for (Partition partition : ((Group) split).parents()) {
            result = Iterators.concat(result, parent.iterator(partition, context));
        }
        return result;
    }

    @Override
    protected List<String> getPreferredLocations(Partition split) {
        Map<String, Integer> votes = new HashMap<>();
        for (Partition partition : ((Group) split).parents()) {
            for (String host : firstParent().preferredLocations(partition)) {
                votes.merge(host, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(entry -> List.of(entry.getKey()))
                .orElse(List.of());
    }
}
