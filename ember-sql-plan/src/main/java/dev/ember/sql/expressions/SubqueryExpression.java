package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.plans.logical.LogicalPlan;

/**
 * What the subquery expressions share ({@link ScalarSubquery}, {@link Exists}, {@link InSubquery}). Their query is a
 * plan, not an expression: it is not among {@link #children()}, so expression transforms do not walk into it; the
 * analyzer resolves it on its own and the optimizer rewrites the expression into a join before execution.
 */
public sealed interface SubqueryExpression extends Expression permits ScalarSubquery, Exists, InSubquery {
    /** The subquery. */
    LogicalPlan plan();

    /** This expression over another subquery plan. */
    SubqueryExpression withPlan(LogicalPlan plan);

    @Override
    default boolean resolved() {
        return plan().resolved() && Expression.super.resolved();
    }

    @Override
    default boolean nullable() {
        return true;
    }

    @Override
    default Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "subqueries are rewritten before execution: " + sql() + " was not");
    }
}
