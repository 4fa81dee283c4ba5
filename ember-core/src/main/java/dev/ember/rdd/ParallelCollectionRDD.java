package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.InterruptibleIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A local collection cut into slices: slice {@code i} of {@code n} holds elements
 * {@code [i * size / n, (i + 1) * size / n)}. Each partition carries its own slice to the executor, so the
 * elements must be serializable.
 */
public final class ParallelCollectionRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private final transient List<T> data;
    private final int numSlices;

    /** A class rather than a record: Java serialization reads records through method handles built on first use. */
    private static final class Slice<T> implements Partition {
        private static final long serialVersionUID = 1L;

        private final int index;
        private final ArrayList<T> values;

        Slice(int index, ArrayList<T> values) {
            this.index = index;
            this.values = values;
        }

        @Override
        public int index() {
            return index;
        }

        ArrayList<T> values() {
            return values;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Slice<?> that && index == that.index && values.equals(that.values);
        }

        @Override
        public int hashCode() {
            return index * 31 + values.hashCode();
        }
    }

    public ParallelCollectionRDD(EmberContext context, List<T> data, int numSlices) {
        super(context, List.of());
        if (numSlices < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Positive number of partitions required, not " + numSlices);
        }
        // A copy: later changes to the caller's list must not change the RDD.
        this.data = new ArrayList<>(data);
        this.numSlices = numSlices;
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> slices = new ArrayList<>(numSlices);
        long size = data.size();
        for (int i = 0; i < numSlices; i++) {
            int from = (int) (i * size / numSlices);
            int to = (int) ((i + 1) * size / numSlices);
            slices.add(new Slice<>(i, new ArrayList<>(data.subList(from, to))));
        }
        return slices;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition split, TaskContext context) {
        return InterruptibleIterator.wrap(context, ((Slice<T>) split).values().iterator());
    }
}
