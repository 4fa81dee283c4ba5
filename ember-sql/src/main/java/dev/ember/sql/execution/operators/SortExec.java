package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts each partition's rows: the batches are kept, the sort keys evaluated once per batch, and row addresses sorted
 * (a stable merge sort over primitive longs); the output gathers rows in that order. A global sort ({@code global})
 * needs its input in one partition, or in ranges of the order.
 */
public record SortExec(List<SortOrder> order, boolean global, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public SortExec {
        order = List.copyOf(order);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new SortExec(order, global, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return order;
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return List.of(global ? new Distribution.Ordered(order) : Distribution.Unspecified.INSTANCE);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<SortOrder> bound = new ArrayList<>();
        List<dev.ember.sql.execution.eval.VectorExpression> keys = new ArrayList<>();
        for (SortOrder key : order) {
            keys.add(BoundExpressions.compile(key.child(), child.output()));
            bound.add(key);
        }
        RowOrdering ordering = new RowOrdering(bound, keys);
        List<DataType> types = BoundExpressions.types(child.output());
        return child.execute(context).mapPartitions(batches -> externalSort(batches, bound, keys, types), true);
    }

    /** The rows of {@code batches} in order, held under the task's memory and spilled to disk when it runs short. */
    private static Iterator<ColumnBatch> externalSort(
            Iterator<ColumnBatch> batches,
            List<SortOrder> order,
            List<dev.ember.sql.execution.eval.VectorExpression> keys,
            List<DataType> types) {
        ExternalBatchSorter sorter = new ExternalBatchSorter(order, keys, types);
        while (batches.hasNext()) {
            sorter.insert(batches.next());
        }
        return sorter.sorted();
    }

    /** The rows of the held batches in order; the first {@code limit} only when it is not negative. */
    static Iterator<ColumnBatch> sortHeld(
            List<ColumnBatch> batches, RowOrdering ordering, List<DataType> types, int limit) {
        List<ColumnBatch> held = new ArrayList<>();
        long[] addresses = new long[1024];
        int count = 0;
        for (ColumnBatch batch : batches) {
            if (batch.size() == 0) {
                continue;
            }
            int index = held.size();
            held.add(batch);
            ordering.addBatch(batch);
            for (int k = 0; k < batch.size(); k++) {
                if (count == addresses.length) {
                    addresses = java.util.Arrays.copyOf(addresses, addresses.length * 2);
                }
                addresses[count++] = RowOrdering.address(index, batch.row(k));
            }
        }
        long[] sorted = LongSorting.sort(addresses, count, ordering::compare);
        int emitted = limit < 0 ? count : Math.min(limit, count);
        List<ColumnBatch> output = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        for (int i = 0; i < emitted; i++) {
            long address = sorted[i];
            builder.appendFrom(held.get(RowOrdering.batchOf(address)), RowOrdering.rowOf(address));
            if (builder.isFull()) {
                output.add(builder.build());
            }
        }
        if (!builder.isEmpty()) {
            output.add(builder.build());
        }
        return output.iterator();
    }

    @Override
    public String simpleString() {
        return "Sort " + PlanText.list(order) + ", " + global;
    }
}
