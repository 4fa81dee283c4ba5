package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT DISTINCT} is a grouping by every column with nothing aggregated.
 *
 * <pre>
 *   Distinct          ==>    Aggregate [a, b], [a, b]
 *   +- R [a, b]              +- R [a, b]
 * </pre>
 */
public final class ReplaceDistinctWithAggregate implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Distinct distinct) {
                List<Attribute> output = distinct.child().output();
                return new Aggregate(
                        new ArrayList<Expression>(output), new ArrayList<NamedExpression>(output), distinct.child());
            }
            return node;
        });
    }
}
