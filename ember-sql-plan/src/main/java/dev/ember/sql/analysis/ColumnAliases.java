package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;
import java.util.function.Function;

/**
 * A relation whose columns are renamed by position ({@code WITH x (a, b) AS ...}, {@code VALUES ... AS t(a, b)},
 * {@code FROM (subquery) AS t(a, b)}), until its child is resolved and {@link ResolveColumnAliases} makes it a
 * projection.
 */
public record ColumnAliases(String relation, List<String> names, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public ColumnAliases {
        requireNonNull(relation, "relation is null");
        names = List.copyOf(names);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new ColumnAliases(relation, names, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "Column aliases of " + relation + " are not resolved");
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
        return "ColumnAliases " + relation + " " + names;
    }
}
