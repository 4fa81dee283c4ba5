package dev.ember.sql.execution.operators;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Rows held in the plan ({@code VALUES}, {@code createDataFrame}), in one partition, or a few when there are many. */
public record LocalTableScanExec(List<Attribute> output, List<InternalRow> rows) implements LeafExec {
    private static final long serialVersionUID = 1L;

    /** Rows per partition above which the rows are spread over the default parallelism. */
    private static final int ROWS_PER_SLICE = 10_000;

    public LocalTableScanExec {
        output = List.copyOf(output);
        rows = List.copyOf(rows);
    }

    private int slices(ExecutionContext context) {
        return rows.size() <= ROWS_PER_SLICE
                ? 1
                : Math.max(1, Math.min(context.emberContext().defaultParallelism(), rows.size() / ROWS_PER_SLICE));
    }

    @Override
    public Partitioning outputPartitioning() {
        return rows.size() <= ROWS_PER_SLICE ? new Partitioning.Single() : new Partitioning.Unknown(0);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<DataType> types = BoundExpressions.types(output);
        int slices = slices(context);
        int width = output.size();
        return context.emberContext()
                .parallelize(new ArrayList<>(rows), slices)
                .mapPartitions(values -> batches(values, types, width));
    }

    private static Iterator<ColumnBatch> batches(Iterator<InternalRow> rows, List<DataType> types, int width) {
        List<ColumnBatch> batches = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        int count = 0;
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            Object[] values = new Object[width];
            for (int i = 0; i < width; i++) {
                values[i] = row.get(i);
            }
            builder.append(values);
            count++;
            if (builder.isFull()) {
                batches.add(builder.build());
            }
        }
        if (!builder.isEmpty()) {
            batches.add(builder.build());
        }
        if (width == 0 && count > 0) {
            // Rows of no columns (SELECT 1 without FROM scans one such row): a batch that only counts them.
            return List.of(ColumnBatch.of(count)).iterator();
        }
        return batches.iterator();
    }

    @Override
    public String simpleString() {
        return "LocalTableScan " + PlanText.list(output) + ", " + rows.size() + " rows";
    }
}
