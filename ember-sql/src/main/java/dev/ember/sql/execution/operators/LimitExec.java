package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code LIMIT} and {@code OFFSET}: skips the first {@code offset} rows, then passes at most {@code limit} (negative
 * for no limit). A local limit ({@code global} false) applies to each partition, to cut what an exchange must move; a
 * global one needs its input in one partition and applies to the whole result. The input stops being read once the
 * limit is reached.
 */
public record LimitExec(int limit, int offset, boolean global, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public LimitExec {
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new LimitExec(limit, offset, global, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return child.outputOrdering();
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return List.of(global ? Distribution.AllTuples.INSTANCE : Distribution.Unspecified.INSTANCE);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        int skip = offset;
        int take = limit;
        return child.execute(context).mapPartitions(batches -> limit(batches, skip, take), true);
    }

    static Iterator<ColumnBatch> limit(Iterator<ColumnBatch> batches, int skip, int take) {
        return new Iterator<>() {
            private int toSkip = skip;
            private long left = take < 0 ? Long.MAX_VALUE : take;
            private ColumnBatch next;

            @Override
            public boolean hasNext() {
                while (next == null && left > 0 && batches.hasNext()) {
                    ColumnBatch batch = batches.next();
                    int size = batch.size();
                    int from = Math.min(toSkip, size);
                    toSkip -= from;
                    int count = (int) Math.min(left, size - from);
                    if (count <= 0) {
                        continue;
                    }
                    left -= count;
                    if (from == 0 && count == size) {
                        next = batch;
                    } else {
                        int[] selection = new int[count];
                        for (int i = 0; i < count; i++) {
                            selection[i] = batch.row(from + i);
                        }
                        next = batch.withSelection(selection, count);
                    }
                }
                return next != null;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ColumnBatch batch = next;
                next = null;
                return batch;
            }
        };
    }

    @Override
    public String simpleString() {
        return (global ? "GlobalLimit " : "LocalLimit ") + limit + (offset > 0 ? ", offset " + offset : "");
    }
}
