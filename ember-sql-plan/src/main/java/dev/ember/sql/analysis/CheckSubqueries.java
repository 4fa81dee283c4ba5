package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.SubqueryExpression;

/**
 * The checks of {@link CheckAnalysis} for the queries inside subquery expressions, which are not children of the plan
 * and so not reached by the walk over it: a name that nothing binds inside a subquery is reported as such, with the
 * subquery's columns as candidates, rather than as an unresolved outer node.
 */
final class CheckSubqueries {
    private CheckSubqueries() {}

    static void check(Expression expression) {
        for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
            CheckAnalysis.check(subquery.plan());
        }
    }
}
