package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code ORDER BY ... LIMIT n} (top-k): each partition keeps its first {@code n} rows in order ({@code global} false);
 * after those are gathered into one partition, the same again gives the answer ({@code global} true), so no full sort
 * of the input is ever done, and a task holds about {@code 2n} rows (at least a few thousand) at a time, whatever the
 * size of its partition.
 */
public record TakeOrderedExec(int limit, List<SortOrder> order, boolean global, PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public TakeOrderedExec {
        order = List.copyOf(order);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new TakeOrderedExec(limit, order, global, children.get(0));
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
        return List.of(global ? Distribution.AllTuples.INSTANCE : Distribution.Unspecified.INSTANCE);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<VectorExpression> keys = new ArrayList<>();
        for (SortOrder key : order) {
            keys.add(BoundExpressions.compile(key.child(), child.output()));
        }
        RowOrdering ordering = new RowOrdering(order, keys);
        List<DataType> types = BoundExpressions.types(child.output());
        int take = limit;
        return child.execute(context).mapPartitions(batches -> topK(batches, ordering, types, take), true);
    }

    /**
     * The first {@code limit} rows of {@code batches} in order, holding a bounded number of rows: batches are gathered
     * until they hold more than {@code max(2 * limit, 4096)} rows, then cut to the first {@code limit} of them (copied
     * into new batches, so the gathered ones can go), and so on; the last cut is the answer.
     */
    static Iterator<ColumnBatch> topK(
            Iterator<ColumnBatch> batches, RowOrdering ordering, List<DataType> types, int limit) {
        long threshold = Math.max(2L * limit, ColumnBatch.DEFAULT_ROWS);
        List<ColumnBatch> held = new ArrayList<>();
        long rows = 0;
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            if (batch.size() == 0) {
                continue;
            }
            held.add(batch);
            rows += batch.size();
            if (rows > threshold) {
                List<ColumnBatch> kept = new ArrayList<>();
                SortExec.sortHeld(held, ordering.forTask(), types, limit).forEachRemaining(kept::add);
                held = kept;
                rows = Math.min(rows, limit);
            }
        }
        return SortExec.sortHeld(held, ordering.forTask(), types, limit);
    }

    @Override
    public String simpleString() {
        return "TakeOrdered(" + (global ? "global" : "local") + ", limit=" + limit + ", " + PlanText.list(order) + ")";
    }
}
