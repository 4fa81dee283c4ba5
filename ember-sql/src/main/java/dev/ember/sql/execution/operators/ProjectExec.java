package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Computes the select list on each batch: columns that are only read are passed on without a copy. */
public record ProjectExec(List<NamedExpression> projectList, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public ProjectExec {
        projectList = List.copyOf(projectList);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new ProjectExec(projectList, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>();
        for (NamedExpression expression : projectList) {
            output.add(expression.toAttribute());
        }
        return output;
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
        List<VectorExpression> expressions = BoundExpressions.compile(projectList, child.output());
        return child.execute(context).mapPartitions(batches -> project(batches, expressions), true);
    }

    private static Iterator<ColumnBatch> project(Iterator<ColumnBatch> batches, List<VectorExpression> expressions) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public ColumnBatch next() {
                ColumnBatch batch = batches.next();
                ColumnVector[] columns = BoundExpressions.evaluate(expressions, batch);
                for (ColumnVector column : columns) {
                    // A vector computed on selected rows only ends at the last selected row; the rows after it are
                    // not selected, so marking the batch's last row null makes it span the batch harmlessly.
                    if (column.size() < batch.numRows()) {
                        column.setNull(batch.numRows() - 1);
                    }
                }
                return batch.withColumns(columns);
            }
        };
    }

    @Override
    public String simpleString() {
        return "Project " + PlanText.list(projectList);
    }
}
