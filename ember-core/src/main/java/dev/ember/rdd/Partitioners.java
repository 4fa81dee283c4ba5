package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.HashPartitioner;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.config.CoreConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How operations on pair RDDs pick a {@link Partitioner} when the caller gives none. */
public final class Partitioners {
    private Partitioners() {}

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
        int defaultPartitions =
                context.conf().contains(CoreConfig.DEFAULT_PARALLELISM) ? context.defaultParallelism() : maxPartitions;
        if (withPartitioner.isPresent()) {
            Partitioner existing = withPartitioner.get().partitioner().get();
            if (existing.numPartitions() >= defaultPartitions || existing.numPartitions() * 10 >= maxPartitions) {
                return existing;
            }
        }
        return new HashPartitioner(Math.max(1, defaultPartitions));
    }
}
