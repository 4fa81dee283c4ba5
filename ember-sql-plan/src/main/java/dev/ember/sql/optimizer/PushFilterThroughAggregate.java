package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A conjunct of a filter above an aggregation that reads only grouping columns runs before the aggregation: it keeps or
 * drops whole groups either way, and fewer rows are aggregated.
 *
 * <pre>
 *   Filter (a > 1 AND s > 10)              ==>   Filter (s > 10)
 *   +- Aggregate [a], [a, sum(b) AS s]           +- Aggregate [a], [a, sum(b) AS s]
 *                                                   +- Filter (a > 1)
 * </pre>
 *
 * Not for an aggregation without grouping (it gives a row even for no input) or conjuncts that read aggregates.
 */
public final class PushFilterThroughAggregate implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Filter filter)
                    || !(filter.child() instanceof Aggregate aggregate)
                    || aggregate.groupingExpressions().isEmpty()) {
                return node;
            }
            var definitions = Aliases.of(aggregate.aggregateExpressions());
            List<Expression> pushed = new ArrayList<>();
            List<Expression> kept = new ArrayList<>();
            for (Expression conjunct : Expressions.splitConjuncts(filter.condition())) {
                Expression substituted = Aliases.substitute(conjunct, definitions);
                if (conjunct.deterministic()
                        && !Expressions.anyMatch(substituted, AggregateExpression.class::isInstance)
                        && onlyGrouping(substituted, aggregate)) {
                    pushed.add(substituted);
                } else {
                    kept.add(conjunct);
                }
            }
            if (pushed.isEmpty()) {
                return node;
            }
            LogicalPlan below = new Aggregate(
                    aggregate.groupingExpressions(),
                    aggregate.aggregateExpressions(),
                    new Filter(Expressions.and(pushed), aggregate.child()));
            return kept.isEmpty() ? below : new Filter(Expressions.and(kept), below);
        });
    }

    /** Whether every column {@code expression} reads is a grouping expression's. */
    private static boolean onlyGrouping(Expression expression, Aggregate aggregate) {
        for (Attribute attribute : Expressions.references(expression)) {
            if (!aggregate.groupingExpressions().contains(attribute)) {
                return false;
            }
        }
        return !Expressions.references(expression).isEmpty();
    }
}
