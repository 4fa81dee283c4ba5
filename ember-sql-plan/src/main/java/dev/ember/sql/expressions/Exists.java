package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code EXISTS (query)}: whether the query gives a row. The plan is not a child (see {@link SubqueryExpression}). */
public record Exists(LogicalPlan plan) implements SubqueryExpression {
    private static final long serialVersionUID = 1L;

    public Exists {
        requireNonNull(plan, "plan is null");
    }

    @Override
    public SubqueryExpression withPlan(LogicalPlan newPlan) {
        return new Exists(newPlan);
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
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public String sql() {
        return "exists()";
    }

    @Override
    public String toString() {
        return "exists[" + plan.simpleString() + "]";
    }
}
