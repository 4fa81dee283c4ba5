package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.Collect;
import dev.ember.sql.expressions.aggregate.FirstLast;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.rules.Rule;

/**
 * Removes sorts whose order nothing can see: a sort directly below another sort (the upper decides the order), and a
 * sort below an aggregation whose functions do not depend on input order (not {@code first}, {@code last},
 * {@code collect_list}), through projections.
 *
 * <pre>
 *   Sort [b]            ==>   Sort [b]
 *   +- Sort [a]               +- R
 *      +- R
 * </pre>
 */
public final class EliminateSorts implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Sort upper && upper.global() && upper.child() instanceof Sort lower) {
                return new Sort(upper.order(), upper.global(), lower.child());
            }
            if (node instanceof Aggregate aggregate && orderInsensitive(aggregate)) {
                LogicalPlan child = removeSortBelow(aggregate.child());
                return child == aggregate.child() ? node : aggregate.withChildren(java.util.List.of(child));
            }
            return node;
        });
    }

    private static LogicalPlan removeSortBelow(LogicalPlan plan) {
        if (plan instanceof Sort sort) {
            return sort.child();
        }
        if (plan instanceof Project project
                && project.projectList().stream().allMatch(NamedExpression::deterministic)) {
            LogicalPlan child = removeSortBelow(project.child());
            return child == project.child() ? plan : new Project(project.projectList(), child);
        }
        return plan;
    }

    private static boolean orderInsensitive(Aggregate aggregate) {
        for (NamedExpression expression : aggregate.aggregateExpressions()) {
            for (AggregateExpression call : Expressions.collect(expression, AggregateExpression.class)) {
                if (call.function() instanceof FirstLast || call.function() instanceof Collect) {
                    return false;
                }
            }
        }
        return true;
    }
}
