package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code ORDER BY} (global: the whole result in order) or {@code SORT BY} (each partition in order). */
public record Sort(List<SortOrder> order, boolean global, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Sort {
        order = List.copyOf(order);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Sort(order, global, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.copyOf(order);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<SortOrder> mapped = new ArrayList<>(order.size());
        for (SortOrder key : order) {
            mapped.add((SortOrder) function.apply(key));
        }
        return new Sort(mapped, global, child);
    }

    @Override
    public String simpleString() {
        return "Sort " + PlanText.list(order) + ", " + global;
    }
}
