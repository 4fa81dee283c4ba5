package dev.ember.sql;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Dataset joined with one derived from it: both sides come from the same relations, so the analyzer gives the right
 * side new column ids. A join condition written with the right Dataset's columns ({@code right.col("dept")}) must then
 * follow them, and {@code a = a} (the same column taken from both Datasets) means this side's a against the other
 * side's, as in Spark.
 */
final class SelfJoins {
    private SelfJoins() {}

    /** {@code condition} with the right side's columns moved to their new ids in {@code newRight}. */
    static Expression condition(Expression condition, LogicalPlan left, LogicalPlan oldRight, LogicalPlan newRight) {
        List<Attribute> oldOutput = oldRight.output();
        List<Attribute> newOutput = newRight.output();
        Map<ExprId, Attribute> moved = new HashMap<>();
        for (int i = 0; i < oldOutput.size() && i < newOutput.size(); i++) {
            if (!oldOutput.get(i).exprId().equals(newOutput.get(i).exprId())) {
                moved.put(oldOutput.get(i).exprId(), newOutput.get(i));
            }
        }
        if (moved.isEmpty()) {
            return condition;
        }
        Set<ExprId> leftIds = new HashSet<>();
        for (Attribute attribute : left.output()) {
            leftIds.add(attribute.exprId());
        }
        return Expressions.transformUp(condition, node -> {
            if (node instanceof Comparison comparison
                    && comparison.left() instanceof Attribute l
                    && comparison.right() instanceof Attribute r
                    && l.exprId().equals(r.exprId())
                    && moved.containsKey(r.exprId())) {
                return new Comparison(comparison.op(), l, moved.get(r.exprId()));
            }
            if (node instanceof Attribute attribute
                    && moved.containsKey(attribute.exprId())
                    && !leftIds.contains(attribute.exprId())) {
                return moved.get(attribute.exprId());
            }
            return node;
        });
    }
}
