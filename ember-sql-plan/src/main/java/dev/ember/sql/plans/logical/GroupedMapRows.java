package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A user's function over the groups of a typed {@code groupByKey}: the child's rows start with the key columns
 * {@code keys}, then the value's; each group (the rows of one key, brought together by an exchange and a sort) is
 * given to {@code function} as the key's values and an iterator over the value columns of its rows.
 */
public record GroupedMapRows(
        List<Attribute> keys, LogicalPlan child, GroupFunction function, List<Attribute> output, String description)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    /** The function: one group's key and values in, rows out. */
    @FunctionalInterface
    public interface GroupFunction extends Serializable {
        Iterator<Object[]> apply(Object[] key, Iterator<Object[]> values) throws Exception;
    }

    public GroupedMapRows {
        keys = List.copyOf(keys);
        requireNonNull(child, "child is null");
        requireNonNull(function, "function is null");
        output = List.copyOf(output);
        requireNonNull(description, "description is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new GroupedMapRows(keys, children.get(0), function, output, description);
    }

    /** The same function with new output columns and its keys' ids as {@code rename} maps them. */
    public GroupedMapRows renamed(List<Attribute> newOutput, java.util.function.UnaryOperator<Attribute> rename) {
        List<Attribute> newKeys = new java.util.ArrayList<>();
        for (Attribute key : keys) {
            newKeys.add(rename.apply(key));
        }
        return new GroupedMapRows(newKeys, child, function, newOutput, description);
    }

    @Override
    public List<Expression> expressions() {
        return List.copyOf(child.output());
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }

    @Override
    public String simpleString() {
        return "GroupedMapRows " + description + ", keys " + PlanText.list(keys) + " " + PlanText.list(output);
    }
}
