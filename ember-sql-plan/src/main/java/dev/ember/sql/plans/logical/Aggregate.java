package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GROUP BY groupingExpressions} with the select list {@code aggregateExpressions}: one row per group, each
 * output column an expression over grouping expressions and aggregate functions. With no grouping expressions the
 * whole input is one group, and an empty input still gives one row.
 */
public record Aggregate(
        List<Expression> groupingExpressions, List<NamedExpression> aggregateExpressions, LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Aggregate {
        groupingExpressions = List.copyOf(groupingExpressions);
        aggregateExpressions = List.copyOf(aggregateExpressions);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Aggregate(groupingExpressions, aggregateExpressions, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(aggregateExpressions.size());
        for (NamedExpression expression : aggregateExpressions) {
            output.add(expression.toAttribute());
        }
        return output;
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>(groupingExpressions);
        expressions.addAll(aggregateExpressions);
        return expressions;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<Expression> grouping = new ArrayList<>(groupingExpressions.size());
        for (Expression expression : groupingExpressions) {
            grouping.add(function.apply(expression));
        }
        List<NamedExpression> aggregates = new ArrayList<>(aggregateExpressions.size());
        for (NamedExpression expression : aggregateExpressions) {
            aggregates.add(named(function.apply(expression)));
        }
        return new Aggregate(grouping, aggregates, child);
    }

    /**
     * A select-list item after a rewrite: a resolved call that replaced an unresolved one is no longer named, and gets
     * named by the analyzer.
     */
    static NamedExpression named(Expression expression) {
        return expression instanceof NamedExpression named
                ? named
                : new dev.ember.sql.expressions.UnresolvedAlias(expression);
    }

    @Override
    public String simpleString() {
        return "Aggregate " + PlanText.list(groupingExpressions) + ", " + PlanText.list(aggregateExpressions);
    }
}
