package dev.ember.sql.optimizer;

import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.JoinStrategyHint;
import dev.ember.sql.plans.logical.JoinStrategyHint.Strategy;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;

/**
 * Moves broadcast and merge hints onto the joins whose sides they mark (looking through projections and filters), then removes
 * every hint node: a hint that meets no join means nothing.
 *
 * <pre>
 *   Join Inner               ==>   Join Inner, broadcast right
 *   :- A                           :- A
 *   +- BroadcastHint               +- B
 *      +- B
 * </pre>
 */
public final class ApplyJoinHints implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan hinted = Plans.transformUp(plan, node -> {
            if (node instanceof Join join) {
                boolean left = marked(join.left(), Strategy.BROADCAST);
                boolean right = marked(join.right(), Strategy.BROADCAST);
                boolean merge = marked(join.left(), Strategy.MERGE) || marked(join.right(), Strategy.MERGE);
                if (left || right || merge) {
                    JoinHint hint = new JoinHint(
                            left || join.hint().broadcastLeft(),
                            right || join.hint().broadcastRight(),
                            merge || join.hint().sortMerge());
                    return new Join(
                            join.left(),
                            join.right(),
                            join.joinType(),
                            join.condition(),
                            join.usingColumns(),
                            join.natural(),
                            hint);
                }
            }
            return node;
        });
        return Plans.transformUp(hinted, node -> node instanceof JoinStrategyHint hint ? hint.child() : node);
    }

    private static boolean marked(LogicalPlan plan, Strategy strategy) {
        if (plan instanceof JoinStrategyHint hint && hint.strategy() == strategy) {
            return true;
        }
        if (plan instanceof Project
                || plan instanceof Filter
                || plan instanceof JoinStrategyHint
                || plan instanceof dev.ember.sql.plans.logical.SubqueryAlias) {
            return marked(plan.children().get(0), strategy);
        }
        return false;
    }
}
