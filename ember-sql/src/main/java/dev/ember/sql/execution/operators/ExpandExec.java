package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Each input batch once per projection: for every input batch, one output batch per projection, its columns the
 * projection's expressions evaluated on the batch (the selection is kept). Grouping sets aggregate over it.
 */
public record ExpandExec(List<List<Expression>> projections, List<Attribute> output, PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public ExpandExec {
        List<List<Expression>> copied = new ArrayList<>();
        for (List<Expression> projection : projections) {
            copied.add(List.copyOf(projection));
        }
        projections = List.copyOf(copied);
        output = List.copyOf(output);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new ExpandExec(projections, output, children.get(0));
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<List<VectorExpression>> compiled = new ArrayList<>();
        for (List<Expression> projection : projections) {
            compiled.add(BoundExpressions.compile(projection, child.output()));
        }
        return child.execute(context).mapPartitions(batches -> expand(batches, compiled), false);
    }

    private static Iterator<ColumnBatch> expand(Iterator<ColumnBatch> batches, List<List<VectorExpression>> compiled) {
        return new Iterator<>() {
            private ColumnBatch current;
            private int next = compiled.size();

            @Override
            public boolean hasNext() {
                while (next >= compiled.size()) {
                    if (!batches.hasNext()) {
                        return false;
                    }
                    current = batches.next();
                    next = 0;
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<VectorExpression> projection = compiled.get(next++);
                return current.withColumns(BoundExpressions.evaluate(projection, current));
            }
        };
    }

    @Override
    public String simpleString() {
        List<String> texts = new ArrayList<>();
        for (List<Expression> projection : projections) {
            texts.add(PlanText.list(projection));
        }
        return "Expand [" + String.join(", ", texts) + "], " + PlanText.list(output);
    }
}
