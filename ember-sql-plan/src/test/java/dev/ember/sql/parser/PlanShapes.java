package dev.ember.sql.parser;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a plan as an indented tree of its records, one node a line: the node's class and its fields other than
 * child plans, expressions written as SQL. For example {@code Filter(condition=('a > 1))}.
 */
final class PlanShapes {
    private PlanShapes() {}

    static String tree(LogicalPlan plan) {
        StringBuilder text = new StringBuilder();
        tree(plan, 0, text);
        return text.toString();
    }

    private static void tree(LogicalPlan plan, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node(plan)).append('\n');
        for (LogicalPlan child : plan.children()) {
            tree(child, depth + 1, text);
        }
    }

    /** The node without its children. */
    static String node(Object node) {
        if (!node.getClass().isRecord()) {
            return node.getClass().getSimpleName();
        }
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : node.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof LogicalPlan || isPlanList(value)) {
                continue;
            }
            fields.add(component.getName() + "=" + value(value));
        }
        return node.getClass().getSimpleName() + "(" + String.join(", ", fields) + ")";
    }

    private static boolean isPlanList(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof LogicalPlan;
    }

    static String value(Object value) {
        if (value instanceof Expression expression) {
            return expression.sql();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(value(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof dev.ember.sql.plans.logical.With.Definition) {
            return node(value);
        }
        return String.valueOf(value);
    }
}
