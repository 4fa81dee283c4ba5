package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.MapRows;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.List;

/** Runs a typed Dataset's function over each partition's rows ({@link MapRows}). */
public record MapRowsExec(PhysicalPlan child, MapRows.RowFunction function, List<Attribute> output, String description)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public MapRowsExec {
        requireNonNull(child, "child is null");
        requireNonNull(function, "function is null");
        output = List.copyOf(output);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new MapRowsExec(children.get(0), function, output, description);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<DataType> types = BoundExpressions.types(output);
        MapRows.RowFunction body = function;
        String what = description;
        return child.execute(context)
                .mapPartitions(batches -> ObjectRows.batches(
                        dev.ember.rdd.Functions.call(() -> body.apply(ObjectRows.rows(batches))), types, what));
    }

    @Override
    public String simpleString() {
        return "MapRows " + description + " " + PlanText.list(output);
    }
}
