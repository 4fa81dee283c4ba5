package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Each input row once per projection: every projection is a list of expressions over the input, one per column of
 * {@code output}. Grouping sets are aggregated over it: a projection per set, the keys the set leaves out null, and a
 * grouping id telling which ones those are.
 */
public record Expand(List<List<Expression>> projections, List<Attribute> output, LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Expand {
        List<List<Expression>> copied = new ArrayList<>();
        for (List<Expression> projection : projections) {
            if (projection.size() != output.size()) {
                throw new IllegalArgumentException(
                        "A projection of " + projection.size() + " expressions for " + output.size() + " columns");
            }
            copied.add(List.copyOf(projection));
        }
        projections = List.copyOf(copied);
        output = List.copyOf(output);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Expand(projections, output, children.get(0));
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>();
        for (List<Expression> projection : projections) {
            expressions.addAll(projection);
        }
        return expressions;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<List<Expression>> mapped = new ArrayList<>();
        for (List<Expression> projection : projections) {
            List<Expression> next = new ArrayList<>();
            for (Expression expression : projection) {
                next.add(function.apply(expression));
            }
            mapped.add(next);
        }
        return new Expand(mapped, output, child);
    }

    @Override
    public String simpleString() {
        List<String> texts = new ArrayList<>();
        for (List<Expression> projection : projections) {
            texts.add(PlanText.list(projection));
        }
        return "Expand [" + String.join(", ", texts) + "], " + PlanText.list(output);
    }
}
