package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * The user asked for a strategy when this relation is joined: broadcasting it ({@code /*+ BROADCAST(t) *}{@code /},
 * {@code Dataset.hint("broadcast")}) or a sort-merge join ({@code /*+ MERGE(t) *}{@code /}, {@code
 * Dataset.hint("merge")}). The optimizer moves the request onto the join and removes the node.
 */
public record JoinStrategyHint(Strategy strategy, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    /** What the hint asks for. */
    public enum Strategy {
        BROADCAST,
        MERGE
    }

    public JoinStrategyHint {
        requireNonNull(strategy, "strategy is null");
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new JoinStrategyHint(strategy, children.get(0));
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
        return strategy == Strategy.BROADCAST ? "BroadcastHint" : "MergeHint";
    }
}
