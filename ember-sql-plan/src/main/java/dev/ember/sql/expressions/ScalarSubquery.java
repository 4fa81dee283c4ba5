package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code (SELECT max(x) FROM u)} used as a value: the single column of a query that gives at most one row (null for
 * none). The plan is not a child (see {@link SubqueryExpression}).
 */
public record ScalarSubquery(LogicalPlan plan) implements SubqueryExpression {
    private static final long serialVersionUID = 1L;

    public ScalarSubquery {
        requireNonNull(plan, "plan is null");
    }

    @Override
    public SubqueryExpression withPlan(LogicalPlan newPlan) {
        return new ScalarSubquery(newPlan);
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public DataType dataType() {
        return plan.output().get(0).dataType();
    }

    @Override
    public String sql() {
        return "scalarsubquery()";
    }

    @Override
    public String toString() {
        return "scalar-subquery[" + plan.simpleString() + "]";
    }
}
