package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;

/**
 * A filter above a projection runs below it, on the projection's input, with the projection's computed columns
 * replaced by their expressions: rows are dropped before they are computed.
 *
 * <pre>
 *   Filter (x > 1)                 ==>   Project [a + 1 AS x]
 *   +- Project [a + 1 AS x]              +- Filter ((a + 1) > 1)
 * </pre>
 *
 * Not when the projection computes something non-deterministic (it would be computed a different number of times).
 */
public final class PushFilterThroughProject implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Filter filter
                    && filter.child() instanceof Project project
                    && project.projectList().stream().allMatch(NamedExpression::deterministic)) {
                Expression condition = Aliases.substitute(filter.condition(), Aliases.of(project.projectList()));
                return new Project(project.projectList(), new Filter(condition, project.child()));
            }
            return node;
        });
    }
}
