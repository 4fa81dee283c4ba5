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
import java.util.List;

/**
 * {@code ORDER BY ... LIMIT n} (top-k): each partition keeps its first {@code n} rows in order ({@code global} false);
 * after those are gathered into one partition, the same again gives the answer ({@code global} true), so no full sort
 * of the input is ever done.
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
        return child.execute(context)
                .mapPartitions(batches -> SortExec.sort(batches, ordering.forTask(), types, take), true);
    }

    @Override
    public String simpleString() {
        return "TakeOrdered(" + (global ? "global" : "local") + ", limit=" + limit + ", " + PlanText.list(order) + ")";
    }
}
