package dev.ember.sql.optimizer;

import dev.ember.sql.plans.logical.BroadcastHint;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SortMergeHint;
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
                boolean left = marked(join.left(), BroadcastHint.class);
                boolean right = marked(join.right(), BroadcastHint.class);
                boolean merge = marked(join.left(), SortMergeHint.class) || marked(join.right(), SortMergeHint.class);
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
        return Plans.transformUp(
                hinted,
                node -> node instanceof BroadcastHint hint
                        ? hint.child()
                        : node instanceof SortMergeHint merge ? merge.child() : node);
    }

    private static boolean marked(LogicalPlan plan, Class<? extends LogicalPlan> kind) {
        if (kind.isInstance(plan)) {
            return true;
        }
        if (plan instanceof Project
                || plan instanceof Filter
                || plan instanceof BroadcastHint
                || plan instanceof SortMergeHint
                || plan instanceof dev.ember.sql.plans.logical.SubqueryAlias) {
            return marked(plan.children().get(0), kind);
        }
        return false;
    }
}
