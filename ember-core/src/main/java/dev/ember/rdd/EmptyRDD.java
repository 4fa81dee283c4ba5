package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** An RDD with no partitions. */
public final class EmptyRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    public EmptyRDD(EmberContext context) {
        super(context, List.of());
    }

    @Override
    protected List<Partition> getPartitions() {
        return List.of();
    }

    @Override
    protected Iterator<T> compute(Partition split, TaskContext context) {
        return Collections.emptyIterator();
    }
}
