package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code INTERSECT} and {@code EXCEPT}, distinct or {@code ALL}: both inputs exchanged by all their columns, so equal
 * rows meet in one task, which counts each distinct row on both sides and emits it once (distinct) or {@code min(m,
 * n)} / {@code max(m - n, 0)} times (ALL). Nulls compare equal here.
 */
public record SetOperationExec(SetOperation.Kind kind, boolean all, PhysicalPlan left, PhysicalPlan right)
        implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    public SetOperationExec {
        requireNonNull(kind, "kind is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new SetOperationExec(kind, all, children.get(0), children.get(1));
    }

    @Override
    public List<Attribute> output() {
        return left.output();
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return List.of(
                new Distribution.Clustered(new ArrayList<Expression>(left.output()), 0, true),
                new Distribution.Clustered(new ArrayList<Expression>(right.output()), 0, true));
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<DataType> types = BoundExpressions.types(left.output());
        SetOperation.Kind operation = kind;
        boolean keepAll = all;
        return left.execute(context)
                .zipPartitions(right.execute(context), (l, r) -> combine(l, r, operation, keepAll, types));
    }

    private static Iterator<ColumnBatch> combine(
            Iterator<ColumnBatch> left,
            Iterator<ColumnBatch> right,
            SetOperation.Kind kind,
            boolean all,
            List<DataType> types) {
        KeyTable rows = new KeyTable(types);
        long[][] counts = {new long[256], new long[256]};
        count(left, rows, counts, 0);
        count(right, rows, counts, 1);
        List<ColumnBatch> output = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        for (int group = 0; group < rows.size(); group++) {
            long m = counts[0][group];
            long n = counts[1][group];
            long times = kind == SetOperation.Kind.INTERSECT
                    ? (all ? Math.min(m, n) : (m > 0 && n > 0 ? 1 : 0))
                    : (all ? Math.max(m - n, 0) : (m > 0 && n == 0 ? 1 : 0));
            for (long t = 0; t < times; t++) {
                for (int i = 0; i < types.size(); i++) {
                    JoinOutput.copy(builder, i, rows.keyColumn(i), group);
                }
                builder.endRow();
                if (builder.isFull()) {
                    output.add(builder.build());
                }
            }
        }
        if (!builder.isEmpty()) {
            output.add(builder.build());
        }
        return output.iterator();
    }

    /** Counts the rows of one side by distinct row, in {@code counts[side]} indexed by the row's group. */
    private static void count(Iterator<ColumnBatch> batches, KeyTable rows, long[][] counts, int side) {
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            ColumnVector[] columns = new ColumnVector[batch.numColumns()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = batch.column(i);
            }
            for (int k = 0; k < batch.size(); k++) {
                int group = rows.add(columns, batch.row(k));
                if (group == counts[0].length) {
                    counts[0] = java.util.Arrays.copyOf(counts[0], group * 2);
                    counts[1] = java.util.Arrays.copyOf(counts[1], group * 2);
                }
                counts[side][group]++;
            }
        }
    }

    @Override
    public String simpleString() {
        return (kind == SetOperation.Kind.INTERSECT ? "Intersect" : "Except") + (all ? " All" : "");
    }
}
