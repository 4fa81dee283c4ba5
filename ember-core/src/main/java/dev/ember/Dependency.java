package dev.ember;

import java.io.Serializable;

/**
 * How an RDD depends on a parent RDD. A {@link NarrowDependency} lets each child partition be computed from a
 * few parent partitions in the same task; a {@link ShuffleDependency} needs every parent partition and so cuts
 * the job into stages.
 */
public abstract class Dependency<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The parent RDD. */
    public abstract RDD<T> rdd();
}
