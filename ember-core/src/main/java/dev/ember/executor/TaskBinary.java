package dev.ember.executor;

import dev.ember.RDD;
import java.io.Serializable;

/**
 * What a stage's tasks share, Java-serialized once per stage attempt: the stage's RDD (with its lineage) and what
 * its tasks do with a partition, the shuffle dependency of a map stage or the function of a result stage.
 *
 * <p>A class with a declared serial version rather than a record: Java serialization reads a record through
 * method handles it builds on first use, which the first task of an application would wait for.
 */
public final class TaskBinary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RDD<?> rdd;
    private final Object work;

    public TaskBinary(RDD<?> rdd, Object work) {
        this.rdd = rdd;
        this.work = work;
    }

    public RDD<?> rdd() {
        return rdd;
    }

    public Object work() {
        return work;
    }
}
