package dev.ember.sql.optimizer;

import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;

/**
 * Limits in a row keep the smaller; a limit above a projection moves below it (a projection keeps the row count), so
 * that a limit meets the sort or scan it can shorten.
 *
 * <pre>
 *   Limit 5               ==>   Limit 5
 *   +- Limit 10                 +- R
 *      +- R
 * </pre>
 */
public final class CombineLimits implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Limit upper && upper.child() instanceof Limit lower) {
                return new Limit(Math.min(upper.limit(), lower.limit()), lower.child());
            }
            if (node instanceof Limit limit
                    && limit.child() instanceof Project project
                    && project.projectList().stream().allMatch(e -> e.deterministic())) {
                return new Project(project.projectList(), new Limit(limit.limit(), project.child()));
            }
            return node;
        });
    }
}
