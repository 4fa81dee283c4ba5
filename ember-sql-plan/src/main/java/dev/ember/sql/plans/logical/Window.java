package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Window functions sharing one {@code PARTITION BY partitionSpec ORDER BY orderSpec}: the input rows, each with a
 * column per window expression appended. {@code windowExpressions} are aliases of {@code WindowExpression}s whose
 * window is that partitioning and order (each with its own frame). The analyzer makes one such node per distinct
 * partitioning and order of a select list.
 */
public record Window(
        List<NamedExpression> windowExpressions,
        List<Expression> partitionSpec,
        List<SortOrder> orderSpec,
        LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Window {
        windowExpressions = List.copyOf(windowExpressions);
        partitionSpec = List.copyOf(partitionSpec);
        orderSpec = List.copyOf(orderSpec);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Window(windowExpressions, partitionSpec, orderSpec, children.get(0));
    }

    /** The input's columns, then a column per window expression. */
    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(child.output());
        for (NamedExpression expression : windowExpressions) {
            output.add(expression.toAttribute());
        }
        return output;
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>(windowExpressions);
        expressions.addAll(partitionSpec);
        expressions.addAll(orderSpec);
        return expressions;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<NamedExpression> windows = new ArrayList<>();
        for (NamedExpression expression : windowExpressions) {
            windows.add((NamedExpression) function.apply(expression));
        }
        List<Expression> partitions = new ArrayList<>();
        for (Expression expression : partitionSpec) {
            partitions.add(function.apply(expression));
        }
        List<SortOrder> orders = new ArrayList<>();
        for (SortOrder order : orderSpec) {
            orders.add((SortOrder) function.apply(order));
        }
        return new Window(windows, partitions, orders, child);
    }

    @Override
    public String simpleString() {
        return "Window " + PlanText.list(windowExpressions) + ", " + PlanText.list(partitionSpec) + ", "
                + PlanText.list(orderSpec);
    }
}
