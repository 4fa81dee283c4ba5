package dev.ember.sql.rules;

import dev.ember.sql.plans.logical.LogicalPlan;

/**
 * One rewrite of a plan: it looks for the node shapes it knows and returns the plan with them rewritten, or the same
 * object when it found nothing to do (the executor tells a change by identity first, then by equality).
 */
public interface Rule {
    /** The rule's name, as the executor's metrics and errors show it. */
    default String name() {
        return getClass().getSimpleName();
    }

    LogicalPlan apply(LogicalPlan plan);
}
