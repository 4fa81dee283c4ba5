package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.And;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;

/**
 * Two filters in a row are one, with both conditions (the lower first, as it ran first).
 *
 * <pre>
 *   Filter b           ==>   Filter (a AND b)
 *   +- Filter a
 * </pre>
 *
 * Not when the upper condition is not deterministic: it must see only the rows the lower one kept.
 */
public final class CombineFilters implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Filter upper
                    && upper.child() instanceof Filter lower
                    && upper.condition().deterministic()) {
                return new Filter(new And(lower.condition(), upper.condition()), lower.child());
            }
            return node;
        });
    }
}
