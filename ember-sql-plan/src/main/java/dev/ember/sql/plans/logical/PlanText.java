package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;

/** How plans write their expressions in one-line forms and trees. */
public final class PlanText {
    private PlanText() {}

    /** {@code [a, b + 1 AS c]}. */
    public static String list(List<? extends Expression> expressions) {
        List<String> parts = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            parts.add(expression.toString());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** The plan as an indented tree, one node per line, as {@code EXPLAIN} prints it. */
    public static String tree(LogicalPlan plan) {
        StringBuilder text = new StringBuilder();
        tree(plan, "", "", text);
        return text.toString();
    }

    private static void tree(LogicalPlan plan, String firstPrefix, String prefix, StringBuilder text) {
        text.append(firstPrefix).append(plan.simpleString()).append('\n');
        List<LogicalPlan> children = plan.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(children.get(i), prefix + (last ? "+- " : ":- "), prefix + (last ? "   " : ":  "), text);
        }
    }
}
