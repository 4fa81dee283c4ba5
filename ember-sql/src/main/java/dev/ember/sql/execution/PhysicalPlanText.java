package dev.ember.sql.execution;

import dev.ember.sql.execution.adaptive.AdaptivePlanExec;
import java.util.List;

/**
 * A physical plan as an indented tree, one node per line, as {@code EXPLAIN} prints it. An adaptive plan shows the
 * plan it ran last (the final one once the query has run) above the plan it started from; a query stage shows the
 * plan that computed its input.
 */
public final class PhysicalPlanText {
    private PhysicalPlanText() {}

    public static String tree(PhysicalPlan plan) {
        StringBuilder text = new StringBuilder();
        tree(plan, "", "", text);
        return text.toString();
    }

    private static void tree(PhysicalPlan plan, String firstPrefix, String prefix, StringBuilder text) {
        text.append(firstPrefix).append(plan.simpleString()).append('\n');
        PhysicalPlan node = plan instanceof MeasuredExec measured ? measured.node() : plan;
        if (node instanceof AdaptivePlanExec adaptive) {
            PhysicalPlan current = adaptive.currentPlan();
            boolean changed = current != adaptive.initialPlan();
            String title = adaptive.isFinalPlan() ? "== Final Plan ==" : "== Current Plan ==";
            if (changed) {
                text.append(prefix).append(":- ").append(title).append('\n');
                tree(current, prefix + ":  ", prefix + ":  ", text);
                text.append(prefix).append("+- == Initial Plan ==\n");
            } else {
                text.append(prefix).append("+- == Initial Plan ==\n");
            }
            tree(adaptive.initialPlan(), prefix + "   ", prefix + "   ", text);
            return;
        }
        List<PhysicalPlan> children = ExecutedSubtrees.shownChildren(plan);
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(children.get(i), prefix + (last ? "+- " : ":- "), prefix + (last ? "   " : ":  "), text);
        }
    }
}
