package dev.ember.sql.optimizer;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.OuterReference;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.rules.Rule;

/**
 * Not a rewrite: after the subquery rewrites, fails with {@code UNSUPPORTED_FEATURE}, naming the construct and where
 * it is, for every subquery that is still in the plan and cannot run as it is. What may stay is what the engine
 * computes once, before the query runs: uncorrelated scalar subqueries and uncorrelated {@code EXISTS}. The plan is
 * returned unchanged.
 */
public final class CheckSubqueriesRewritten implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        check(plan);
        return plan;
    }

    private static void check(LogicalPlan node) {
        for (Expression expression : node.expressions()) {
            if (Expressions.anyMatch(expression, OuterReference.class::isInstance)) {
                throw new EmberException(
                        ErrorClass.INTERNAL_ERROR,
                        "An outer column was left outside its subquery in " + node.simpleString());
            }
            for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
                boolean correlated = Subqueries.correlated(subquery.plan());
                String where = where(node, expression);
                if (subquery instanceof InSubquery) {
                    throw unsupported("IN (subquery) is supported in WHERE, HAVING, select lists and aggregate function"
                            + " arguments, not in " + where);
                }
                if (subquery instanceof Exists && correlated) {
                    throw unsupported("A correlated EXISTS is supported in WHERE, HAVING, select lists and aggregate"
                            + " function arguments, not in " + where);
                }
                if (subquery instanceof ScalarSubquery && correlated) {
                    throw unsupported(
                            "A correlated scalar subquery is supported in WHERE, HAVING and the select list of a query"
                                    + " without GROUP BY only, not in " + where);
                }
            }
        }
        for (LogicalPlan child : node.children()) {
            check(child);
        }
    }

    /** Where a subquery is, without column ids: {@code the grouping keys of an aggregation: (dept IN (...))}. */
    private static String where(LogicalPlan node, Expression expression) {
        String place = node instanceof Aggregate aggregate
                        && aggregate.groupingExpressions().contains(expression)
                ? "the grouping keys of an aggregation"
                : "a " + node.getClass().getSimpleName();
        return place + ": " + expression.sql();
    }

    private static EmberException unsupported(String message) {
        return new EmberException(ErrorClass.UNSUPPORTED_FEATURE, message);
    }
}
