package dev.ember;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which partition each key of a pair RDD goes to. Two RDDs with equal partitioners are co-partitioned:
 * joining or cogrouping them needs no shuffle. Implementations must define {@code equals} and {@code hashCode}.
 */
public abstract class Partitioner implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many partitions keys are spread over. */
    public abstract int numPartitions();

    /**
     * The partition of {@code key}, in {@code [0, numPartitions())}. It must be a function of the key (and of this
     * partitioner's state): the same key always gets the same partition. Aggregations by key rely on it, as they do
     * in Spark: a partitioner that spreads one key over several partitions (salting, round robin) leaves that key's
     * values in the partition it got first, on each map task.
     */
    public abstract int getPartition(Object key);

    /**
     * The partitioner for an operation combining {@code rdd} with {@code others}. Of the inputs that have a
     * partitioner, the one with the most partitions is reused when its partition count is at least the default
     * ({@code ember.default.parallelism} if set, else the largest input's partition count) or within a factor of
     * ten of the largest input's. Otherwise a {@link HashPartitioner} with that default count.
     */
    public static Partitioner defaultPartitioner(RDD<?> rdd, RDD<?>... others) {
        List<RDD<?>> all = new ArrayList<>();
        all.add(rdd);
        all.addAll(List.of(others));
        Optional<RDD<?>> withPartitioner = all.stream()
                .filter(candidate -> candidate.partitioner().isPresent()
                        && candidate.partitioner().get().numPartitions() > 0)
                .max(Comparator.comparingInt(RDD::getNumPartitions));
        int maxPartitions = all.stream().mapToInt(RDD::getNumPartitions).max().orElse(1);
        EmberContext context = rdd.context();
        int defaultPartitions = context.conf().contains(dev.ember.config.CoreConfig.DEFAULT_PARALLELISM)
                ? context.defaultParallelism()
                : maxPartitions;
        if (withPartitioner.isPresent()) {
            Partitioner existing = withPartitioner.get().partitioner().get();
            if (existing.numPartitions() >= defaultPartitions || existing.numPartitions() * 10 >= maxPartitions) {
                return existing;
            }
        }
        return new HashPartitioner(Math.max(1, defaultPartitions));
    }
}
