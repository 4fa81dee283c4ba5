package dev.ember.sql.execution.operators;

import dev.ember.RDD;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/** {@code UNION ALL}: the partitions of every input, one after another; the first input's columns name the output. */
public record UnionExec(List<PhysicalPlan> children, List<Attribute> output) implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    public UnionExec {
        children = List.copyOf(children);
        output = List.copyOf(output);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> newChildren) {
        return new UnionExec(newChildren, output);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<RDD<ColumnBatch>> inputs = new ArrayList<>();
        for (PhysicalPlan child : children) {
            inputs.add(child.execute(context));
        }
        return context.emberContext().union(inputs);
    }

    @Override
    public String simpleString() {
        return "Union";
    }
}
