package dev.ember.rdd;

import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Pairs each element with its position in the RDD. The start position of each partition is known from the sizes
 * of the partitions before it, counted by a job when the RDD is created (skipped for a single partition).
 */
public final class ZippedWithIndexRDD<T> extends RDD<Pair<T, Long>> {
    private static final long serialVersionUID = 1L;

    private final long[] startIndexes;

    private record IndexedPartition(int index, Partition parent, long startIndex) implements Partition {}

    public ZippedWithIndexRDD(RDD<T> parent) {
        super(parent);
        int count = parent.getNumPartitions();
        startIndexes = new long[count];
        if (count > 1) {
            int[] allButLast = new int[count - 1];
            for (int i = 0; i < allButLast.length; i++) {
                allButLast[i] = i;
            }
            List<Long> sizes = parent.context()
                    .runJob(
                            parent,
                            (task, values) -> {
                                long size = 0;
                                while (values.hasNext()) {
                                    values.next();
                                    size++;
                                }
                                return size;
                            },
                            allButLast);
            for (int i = 1; i < count; i++) {
                startIndexes[i] = startIndexes[i - 1] + sizes.get(i - 1);
            }
        }
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> parents = firstParent().partitions();
        List<Partition> partitions = new ArrayList<>(parents.size());
        for (int i = 0; i < parents.size(); i++) {
            partitions.add(new IndexedPartition(i, parents.get(i), startIndexes[i]));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<T, Long>> compute(Partition split, TaskContext context) {
        IndexedPartition partition = (IndexedPartition) split;
        Iterator<T> values = ((RDD<T>) firstParent()).iterator(partition.parent(), context);
        return new Iterator<>() {
            private long position = partition.startIndex();

            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Pair<T, Long> next() {
                return Pair.of(values.next(), position++);
            }
        };
    }

    @Override
    protected List<String> getPreferredLocations(Partition split) {
        return firstParent().preferredLocations(((IndexedPartition) split).parent());
    }
}
