package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.LongVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code range(start, end, step)}: each partition computes its slice of the values, a batch at a time. */
public record RangeExec(Range range) implements LeafExec {
    private static final long serialVersionUID = 1L;

    public RangeExec {
        requireNonNull(range, "range is null");
    }

    @Override
    public List<Attribute> output() {
        return range.output();
    }

    private int partitions(ExecutionContext context) {
        int partitions = range.numPartitions() > 0
                ? range.numPartitions()
                : context.emberContext().defaultParallelism();
        return (int) Math.max(1, Math.min(partitions, Math.max(1, range.count())));
    }

    @Override
    public Partitioning outputPartitioning() {
        return new Partitioning.Unknown(range.numPartitions());
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        int partitions = partitions(context);
        long count = range.count();
        long start = range.start();
        long step = range.step();
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            slices.add(i);
        }
        return context.emberContext().parallelize(slices, partitions).mapPartitions(indexes -> {
            if (!indexes.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            int slice = indexes.next();
            long first = count * slice / partitions;
            long last = count * (slice + 1) / partitions;
            return values(start, step, first, last);
        });
    }

    /** The values with indexes {@code [first, last)} of the range, in batches. */
    private static Iterator<ColumnBatch> values(long start, long step, long first, long last) {
        return new Iterator<>() {
            private long index = first;

            @Override
            public boolean hasNext() {
                return index < last;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int rows = (int) Math.min(ColumnBatch.DEFAULT_ROWS, last - index);
                LongVector vector = new LongVector(DataTypes.LongType, rows);
                long[] values = vector.values();
                long value = start + index * step;
                for (int i = 0; i < rows; i++) {
                    values[i] = value;
                    value += step;
                }
                vector.set(rows - 1, values[rows - 1]);
                index += rows;
                return ColumnBatch.of(rows, vector);
            }
        };
    }

    @Override
    public String simpleString() {
        return range.simpleString();
    }
}
