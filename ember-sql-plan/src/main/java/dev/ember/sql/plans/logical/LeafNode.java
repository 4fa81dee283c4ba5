package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/** A plan node without children: a relation that produces rows of its own. */
public interface LeafNode extends LogicalPlan {
    @Override
    default List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    default LogicalPlan withChildren(List<LogicalPlan> children) {
        return this;
    }

    @Override
    default List<Expression> expressions() {
        return List.of();
    }

    @Override
    default LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }
}
