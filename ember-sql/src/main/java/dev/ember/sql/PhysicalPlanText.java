package dev.ember.sql;

import dev.ember.sql.execution.PhysicalPlan;
import java.util.List;

/** A physical plan as an indented tree, one node per line, as {@code EXPLAIN} prints it. */
final class PhysicalPlanText {
    private PhysicalPlanText() {}

    static String tree(PhysicalPlan plan) {
        StringBuilder text = new StringBuilder();
        tree(plan, "", "", text);
        return text.toString();
    }

    private static void tree(PhysicalPlan plan, String firstPrefix, String prefix, StringBuilder text) {
        text.append(firstPrefix).append(plan.simpleString()).append('\n');
        List<PhysicalPlan> children = plan.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(children.get(i), prefix + (last ? "+- " : ":- "), prefix + (last ? "   " : ":  "), text);
        }
    }
}
