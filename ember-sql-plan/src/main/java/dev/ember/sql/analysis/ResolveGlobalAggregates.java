package dev.ember.sql.analysis;

import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import java.util.List;

/**
 * {@code SELECT count(*) FROM t} (aggregates without GROUP BY) is an aggregation of the whole input as one group.
 *
 * <pre>
 *   Project [count(1)]       ==>   Aggregate [], [count(1)]
 * </pre>
 */
final class ResolveGlobalAggregates implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Project project && containsAggregate(project.projectList())) {
                return new Aggregate(List.of(), project.projectList(), project.child());
            }
            return node;
        });
    }

    static boolean containsAggregate(List<? extends NamedExpression> expressions) {
        for (NamedExpression expression : expressions) {
            if (WindowExpressions.hasAggregateOutsideWindows(expression)) {
                return true;
            }
        }
        return false;
    }
}
