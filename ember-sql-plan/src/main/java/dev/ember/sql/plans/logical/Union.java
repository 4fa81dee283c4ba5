package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code UNION ALL} of two or more inputs: their rows one after another. Columns match by position (the analyzer
 * checks the counts and casts to common types); the output takes the first input's names. {@code UNION} (distinct)
 * is a {@link Distinct} over this. {@code byName} (from {@code unionByName}) matches columns by name instead, until
 * the analyzer reorders them; {@code allowMissingColumns} fills absent ones with nulls.
 */
public record Union(List<LogicalPlan> inputs, boolean byName, boolean allowMissingColumns) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Union {
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("A union needs at least two inputs");
        }
    }

    public Union(LogicalPlan left, LogicalPlan right) {
        this(List.of(left, right), false, false);
    }

    @Override
    public List<LogicalPlan> children() {
        return inputs;
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Union(children, byName, allowMissingColumns);
    }

    @Override
    public boolean resolved() {
        return !byName && LogicalPlan.super.resolved();
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> first = inputs.get(0).output();
        List<Attribute> output = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            boolean nullable = false;
            for (LogicalPlan input : inputs) {
                nullable |= input.output().get(i).nullable();
            }
            output.add(first.get(i).withNullability(nullable));
        }
        return output;
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
        return "Union" + (byName ? " byName" : "");
    }
}
