package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.RowKey;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<RowKey, long[]> counts = new LinkedHashMap<>();
        count(left, counts, 0);
        count(right, counts, 1);
        List<ColumnBatch> output = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        for (Map.Entry<RowKey, long[]> entry : counts.entrySet()) {
            long m = entry.getValue()[0];
            long n = entry.getValue()[1];
            long times = kind == SetOperation.Kind.INTERSECT
                    ? (all ? Math.min(m, n) : (m > 0 && n > 0 ? 1 : 0))
                    : (all ? Math.max(m - n, 0) : (m > 0 && n == 0 ? 1 : 0));
            Object[] values = new Object[entry.getKey().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = entry.getKey().get(i);
            }
            for (long t = 0; t < times; t++) {
                builder.append(values.clone());
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

    private static void count(Iterator<ColumnBatch> batches, Map<RowKey, long[]> counts, int side) {
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            dev.ember.sql.vector.ColumnVector[] columns = new dev.ember.sql.vector.ColumnVector[batch.numColumns()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = batch.column(i);
            }
            for (int k = 0; k < batch.size(); k++) {
                RowKey key = RowKey.of(BoundExpressions.values(columns, batch.row(k)));
                counts.computeIfAbsent(key, ignored -> new long[2])[side]++;
            }
        }
    }

    @Override
    public String simpleString() {
        return (kind == SetOperation.Kind.INTERSECT ? "Intersect" : "Except") + (all ? " All" : "");
    }
}
