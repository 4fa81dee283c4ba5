package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * Keeps the rows whose condition is true, by narrowing each batch's selection vector: no column is copied. Batches
 * left with no row are dropped.
 */
public record FilterExec(Expression condition, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public FilterExec {
        requireNonNull(condition, "condition is null");
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new FilterExec(condition, children.get(0));
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
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        VectorExpression predicate = BoundExpressions.compile(condition, child.output());
        return child.execute(context).mapPartitions(batches -> filter(batches, predicate), true);
    }

    /** The batch with only the rows where {@code predicate} is true selected. */
    static ColumnBatch select(ColumnBatch batch, VectorExpression predicate) {
        ColumnVector result = predicate.evaluate(batch);
        int size = batch.size();
        int[] selection = new int[size];
        int count = 0;
        boolean nullable = result.mayHaveNulls();
        for (int k = 0; k < size; k++) {
            int row = batch.row(k);
            if ((!nullable || !result.isNull(row)) && result.getBoolean(row)) {
                selection[count++] = row;
            }
        }
        return count == size ? batch : batch.withSelection(selection, count);
    }

    private static Iterator<ColumnBatch> filter(Iterator<ColumnBatch> batches, VectorExpression predicate) {
        return selecting(batches, batch -> select(batch, predicate));
    }

    /** The batches as {@code select} narrows them, those left with no row dropped. */
    static Iterator<ColumnBatch> selecting(Iterator<ColumnBatch> batches, UnaryOperator<ColumnBatch> select) {
        return new Iterator<>() {
            private ColumnBatch next;

            @Override
            public boolean hasNext() {
                while (next == null && batches.hasNext()) {
                    ColumnBatch selected = select.apply(batches.next());
                    if (selected.size() > 0) {
                        next = selected;
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
        return "Filter " + dev.ember.sql.plans.logical.PlanText.expr(condition);
    }
}
