package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * {@code /*+ NAME(parameters) *}{@code /} written after {@code SELECT}, over the query it is written in, until the
 * analyzer applies it (a join hint such as {@code BROADCAST(t)} to the joins below, {@code REPARTITION(8, a)} or
 * {@code COALESCE(3)} to the query's result) or drops it. The parameters are the expressions as written: a name such
 * as {@code t} or {@code a} is an unresolved attribute (a table for a join hint, a column for a partitioning hint), a
 * number a literal. They are not expressions of this node, so no rule resolves them against the child.
 */
public record UnresolvedHint(String name, List<Object> parameters, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public UnresolvedHint {
        requireNonNull(name, "name is null");
        parameters = List.copyOf(parameters);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new UnresolvedHint(name, parameters, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
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
        return "UnresolvedHint " + name + " " + parameters;
    }
}
