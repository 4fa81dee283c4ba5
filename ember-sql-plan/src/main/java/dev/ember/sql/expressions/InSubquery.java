package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (query)}, or {@code (a, b) IN (query)} with one value per column of the query. The values are the
 * children; the plan is not (see {@link SubqueryExpression}).
 */
public record InSubquery(List<Expression> values, LogicalPlan plan) implements SubqueryExpression {
    private static final long serialVersionUID = 1L;

    public InSubquery {
        values = List.copyOf(values);
        requireNonNull(plan, "plan is null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN (subquery) needs a value");
        }
    }

    @Override
    public SubqueryExpression withPlan(LogicalPlan newPlan) {
        return new InSubquery(values, newPlan);
    }

    @Override
    public List<Expression> children() {
        return values;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new InSubquery(children, plan);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression value : values) {
            parts.add(value.sql());
        }
        String left = values.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
        return "(" + left + " IN (listquery()))";
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Expression value : values) {
            parts.add(value.toString());
        }
        return "(" + String.join(", ", parts) + ") IN subquery[" + plan.simpleString() + "]";
    }
}
