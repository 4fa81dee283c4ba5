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
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregation by hashing the grouping keys, in one of three modes:
 *
 * <ul>
 *   <li>{@code PARTIAL}: folds each task's rows into a buffer per group and outputs the grouping columns and the
 *       buffers ({@code bufferAttributes}), to be exchanged by the grouping columns.
 *   <li>{@code FINAL}: merges the buffers of each group (all in one partition after the exchange) and outputs {@code
 *       resultExpressions} over the grouping columns and the aggregates' results ({@code resultAttributes}).
 *   <li>{@code COMPLETE}: both at once on raw rows, when the input is already clustered by the keys (and always for
 *       DISTINCT aggregates, whose inputs are deduplicated per group).
 * </ul>
 *
 * Without grouping expressions, a FINAL or COMPLETE aggregation of no rows still outputs one row, of the aggregates'
 * values for no input ({@code count} 0, {@code sum} null).
 */
public record HashAggregateExec(
        Mode mode,
        List<Expression> groupingExpressions,
        List<Attribute> groupingAttributes,
        List<AggregateExpression> aggregates,
        List<Attribute> bufferAttributes,
        List<Attribute> resultAttributes,
        List<NamedExpression> resultExpressions,
        PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    /** The phase of a two-phase aggregation this node runs. */
    public enum Mode {
        PARTIAL,
        FINAL,
        COMPLETE
    }

    public HashAggregateExec {
        requireNonNull(mode, "mode is null");
        groupingExpressions = List.copyOf(groupingExpressions);
        groupingAttributes = List.copyOf(groupingAttributes);
        aggregates = List.copyOf(aggregates);
        bufferAttributes = List.copyOf(bufferAttributes);
        resultAttributes = List.copyOf(resultAttributes);
        resultExpressions = List.copyOf(resultExpressions);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new HashAggregateExec(
                mode,
                groupingExpressions,
                groupingAttributes,
                aggregates,
                bufferAttributes,
                resultAttributes,
                resultExpressions,
                children.get(0));
    }

    @Override
    public List<Attribute> output() {
        if (mode == Mode.PARTIAL) {
            List<Attribute> output = new ArrayList<>(groupingAttributes);
            output.addAll(bufferAttributes);
            return output;
        }
        List<Attribute> output = new ArrayList<>();
        for (NamedExpression expression : resultExpressions) {
            output.add(expression.toAttribute());
        }
        return output;
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        if (mode == Mode.PARTIAL) {
            return List.of(Distribution.Unspecified.INSTANCE);
        }
        if (groupingExpressions.isEmpty()) {
            return List.of(Distribution.AllTuples.INSTANCE);
        }
        return List.of(new Distribution.Clustered(groupingExpressions, 0, false));
    }

    @Override
    public Partitioning outputPartitioning() {
        return mode == Mode.PARTIAL ? new Partitioning.Unknown(0) : child.outputPartitioning();
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<Attribute> input = child.output();
        AggregationState.Plan plan = new AggregationState.Plan(
                mode,
                mode == Mode.FINAL ? compile(groupingAttributes, input) : compile(groupingExpressions, input),
                AggregationState.functionInputs(mode, aggregates, input, groupingAttributes.size()),
                aggregates,
                types(groupingAttributes),
                mode == Mode.PARTIAL ? types(bufferAttributes) : types(resultAttributes),
                mode == Mode.PARTIAL ? List.of() : compileResults());
        return child.execute(context).mapPartitions(batches -> new AggregationState(plan).run(batches));
    }

    private List<VectorExpression> compileResults() {
        List<Attribute> aggregated = new ArrayList<>(groupingAttributes);
        aggregated.addAll(resultAttributes);
        return compile(resultExpressions, aggregated);
    }

    @Override
    public String simpleString() {
        return "HashAggregate(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", keys="
                + PlanText.list(groupingExpressions) + ", functions=" + PlanText.list(aggregates)
                + (mode == Mode.PARTIAL ? "" : ", results=" + PlanText.list(resultExpressions)) + ")";
    }

    static List<DataType> types(List<Attribute> attributes) {
        return BoundExpressions.types(attributes);
    }

    static List<VectorExpression> compile(List<? extends Expression> expressions, List<Attribute> input) {
        return BoundExpressions.compile(expressions, input);
    }
}
