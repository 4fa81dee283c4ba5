package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Walks over plan trees. Transforms rebuild only what changed: a subtree the function leaves alone comes back as the
 * same object, so a caller can tell "no change" by identity.
 */
public final class Plans {
    private Plans() {}

    /** Applies {@code rule} to every node, children first; a null or identical result keeps the node. */
    public static LogicalPlan transformUp(LogicalPlan plan, Function<LogicalPlan, LogicalPlan> rule) {
        LogicalPlan withNewChildren = mapChildren(plan, child -> transformUp(child, rule));
        LogicalPlan result = rule.apply(withNewChildren);
        return result == null ? withNewChildren : result;
    }

    /** Applies {@code rule} to every node, parents first; the result's children are then transformed. */
    public static LogicalPlan transformDown(LogicalPlan plan, Function<LogicalPlan, LogicalPlan> rule) {
        LogicalPlan applied = rule.apply(plan);
        LogicalPlan node = applied == null ? plan : applied;
        return mapChildren(node, child -> transformDown(child, rule));
    }

    /** {@code plan} with {@code function} applied to each child; the same object if none changed. */
    public static LogicalPlan mapChildren(LogicalPlan plan, Function<LogicalPlan, LogicalPlan> function) {
        List<LogicalPlan> children = plan.children();
        if (children.isEmpty()) {
            return plan;
        }
        List<LogicalPlan> mapped = new ArrayList<>(children.size());
        boolean changed = false;
        for (LogicalPlan child : children) {
            LogicalPlan next = function.apply(child);
            changed |= next != child;
            mapped.add(next);
        }
        return changed ? plan.withChildren(mapped) : plan;
    }

    /** Every expression of every node transformed bottom-up by {@code rule}. */
    public static LogicalPlan transformAllExpressions(LogicalPlan plan, Function<Expression, Expression> rule) {
        return transformUp(plan, node -> transformExpressions(node, rule));
    }

    /** This node's expressions (not its children's) transformed bottom-up by {@code rule}; same object if unchanged. */
    public static LogicalPlan transformExpressions(LogicalPlan node, Function<Expression, Expression> rule) {
        boolean[] changed = {false};
        LogicalPlan mapped = node.mapExpressions(expression -> {
            Expression next = Expressions.transformUp(expression, rule);
            changed[0] |= next != expression;
            return next;
        });
        return changed[0] ? mapped : node;
    }

    /** Whether any node satisfies {@code predicate}. */
    public static boolean anyMatch(LogicalPlan plan, Predicate<LogicalPlan> predicate) {
        if (predicate.test(plan)) {
            return true;
        }
        for (LogicalPlan child : plan.children()) {
            if (anyMatch(child, predicate)) {
                return true;
            }
        }
        return false;
    }

    /** The nodes of class {@code type}, parents before children. */
    public static <T> List<T> collect(LogicalPlan plan, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(plan, type, found);
        return found;
    }

    private static <T> void collect(LogicalPlan plan, Class<T> type, List<T> found) {
        if (type.isInstance(plan)) {
            found.add(type.cast(plan));
        }
        for (LogicalPlan child : plan.children()) {
            collect(child, type, found);
        }
    }
}
