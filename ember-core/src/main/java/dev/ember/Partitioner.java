package dev.ember;

import java.io.Serializable;

/**
 * Decides which partition each key of a pair RDD goes to. Two RDDs with equal partitioners are co-partitioned:
 * joining or cogrouping them needs no shuffle. Implementations must define {@code equals} and {@code hashCode}.
 *
 * <p>A value type the shuffle layer uses: it knows nothing of RDDs. The partitioner an operation picks when none is
 * given is {@link dev.ember.rdd.Partitioners#defaultPartitioner}.
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
}
