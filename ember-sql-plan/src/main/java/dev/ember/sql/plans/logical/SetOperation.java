package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * {@code left INTERSECT right} or {@code left EXCEPT right}, distinct or {@code ALL} (which keeps duplicates by
 * count: a row {@code m} times on the left and {@code n} on the right appears {@code min(m, n)} or {@code max(m - n,
 * 0)} times). Null values compare equal here, unlike in a join.
 */
public record SetOperation(Kind kind, boolean all, LogicalPlan left, LogicalPlan right) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    /** Which operation. */
    public enum Kind {
        INTERSECT,
        EXCEPT
    }

    public SetOperation {
        requireNonNull(kind, "kind is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new SetOperation(kind, all, children.get(0), children.get(1));
    }

    @Override
    public List<Attribute> output() {
        return left.output();
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
        return (kind == Kind.INTERSECT ? "Intersect" : "Except") + (all ? " All" : "");
    }
}
