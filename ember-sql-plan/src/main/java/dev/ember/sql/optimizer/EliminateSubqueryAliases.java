package dev.ember.sql.optimizer;

import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.rules.Rule;

/**
 * Aliases only name columns for resolution; once the plan is resolved they do nothing.
 *
 * <pre>
 *   SubqueryAlias t       ==>    R
 *   +- R
 * </pre>
 */
public final class EliminateSubqueryAliases implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> node instanceof SubqueryAlias alias ? alias.child() : node);
    }
}
