package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * The user asked for a sort-merge join when this relation is joined ({@code /*+ MERGE(t) *}{@code /},
 * {@code Dataset.hint("merge")}). The optimizer moves the request onto the join and removes the node.
 */
public record SortMergeHint(LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public SortMergeHint {
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new SortMergeHint(children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.of();
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }

    @Override
    public String simpleString() {
        return "SortMergeHint";
    }
}
