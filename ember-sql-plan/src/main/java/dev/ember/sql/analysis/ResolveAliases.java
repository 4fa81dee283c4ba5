package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;

/** Names the unnamed expressions of select lists, once resolved, after their SQL text ({@code (a + 1)}). */
final class ResolveAliases implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformAllExpressions(plan, expression -> {
            if (expression instanceof UnresolvedAlias unnamed && unnamed.child().resolved()) {
                Expression child = unnamed.child();
                if (child instanceof NamedExpression named) {
                    return named;
                }
                return Alias.of(child, Expressions.autoName(child));
            }
            return expression;
        });
    }
}
