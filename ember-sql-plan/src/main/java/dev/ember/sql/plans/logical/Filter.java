package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/** {@code WHERE condition}: the input rows for which the condition is true (not false, not null). */
public record Filter(Expression condition, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Filter {
        requireNonNull(condition, "condition is null");
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Filter(condition, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.of(condition);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return new Filter(function.apply(condition), child);
    }

    @Override
    public String simpleString() {
        return "Filter " + PlanText.expr(condition);
    }
}
