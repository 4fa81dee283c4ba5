package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code PIVOT (agg [AS a], ... FOR column IN (value [AS name], ...))} and {@code groupBy(...).pivot(column,
 * values).agg(...)}: a row per group, a column per value (and aggregate) holding the aggregate of the group's rows
 * whose {@code pivotColumn} equals the value. {@code groupBy} null means the SQL form, which groups by every input
 * column that neither the aggregates nor the pivot column use. {@code valueNames} holds the names given to the
 * values (null where none was given). The analyzer rewrites it into aggregations; it has no output before.
 */
public record Pivot(
        List<NamedExpression> groupBy,
        Expression pivotColumn,
        List<Expression> values,
        List<String> valueNames,
        List<NamedExpression> aggregates,
        LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Pivot {
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
        requireNonNull(pivotColumn, "pivotColumn is null");
        values = List.copyOf(values);
        valueNames = java.util.Collections.unmodifiableList(new ArrayList<>(valueNames));
        aggregates = List.copyOf(aggregates);
        requireNonNull(child, "child is null");
        if (values.size() != valueNames.size()) {
            throw new IllegalArgumentException("A name (or null) is needed for each pivot value");
        }
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Pivot(groupBy, pivotColumn, values, valueNames, aggregates, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "A pivot has no columns before it is analyzed");
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>();
        if (groupBy != null) {
            expressions.addAll(groupBy);
        }
        expressions.add(pivotColumn);
        expressions.addAll(values);
        expressions.addAll(aggregates);
        return expressions;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<NamedExpression> newGroupBy = null;
        if (groupBy != null) {
            newGroupBy = new ArrayList<>();
            for (NamedExpression key : groupBy) {
                newGroupBy.add(Aggregate.named(function.apply(key)));
            }
        }
        List<Expression> newValues = new ArrayList<>();
        for (Expression value : values) {
            newValues.add(function.apply(value));
        }
        List<NamedExpression> newAggregates = new ArrayList<>();
        for (NamedExpression aggregate : aggregates) {
            newAggregates.add(Aggregate.named(function.apply(aggregate)));
        }
        return new Pivot(newGroupBy, function.apply(pivotColumn), newValues, valueNames, newAggregates, child);
    }

    @Override
    public String simpleString() {
        return "Pivot " + (groupBy == null ? "" : PlanText.list(groupBy) + ", ") + pivotColumn.sql() + " IN "
                + PlanText.list(values) + ", " + PlanText.list(aggregates);
    }
}
