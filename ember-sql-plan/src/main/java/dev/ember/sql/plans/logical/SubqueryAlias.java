package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A name for a relation ({@code FROM t AS x}, a view's name, a subquery's alias): its columns become qualified by
 * {@code alias}, so {@code x.a} finds them. The optimizer removes it.
 */
public record SubqueryAlias(String alias, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public SubqueryAlias {
        requireNonNull(alias, "alias is null");
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new SubqueryAlias(alias, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>();
        for (Attribute attribute : child.output()) {
            output.add(attribute.withQualifier(List.of(alias)));
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
        return "SubqueryAlias " + alias;
    }
}
