package dev.ember;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A dependency where each child partition depends on a small, known set of parent partitions. */
public abstract class NarrowDependency<T> extends Dependency<T> {
    private static final long serialVersionUID = 1L;

    private final RDD<T> rdd;

    protected NarrowDependency(RDD<T> rdd) {
        this.rdd = requireNonNull(rdd, "rdd is null");
    }

    /** The parent partitions child partition {@code partitionId} reads. */
    public abstract List<Integer> getParents(int partitionId);

    @Override
    public RDD<T> rdd() {
        return rdd;
    }
}
