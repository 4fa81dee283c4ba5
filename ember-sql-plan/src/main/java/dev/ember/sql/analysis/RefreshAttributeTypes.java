package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import java.util.HashMap;
import java.util.Map;

/**
 * A reference to a column is bound while the plan below may still change: an implicit cast inserted later changes the
 * type of {@code sum(a * 2)}, a join made outer makes a column nullable. This rule brings every reference to the type
 * and nullability its column now has below, so that what a node reads is what its children produce.
 *
 * <pre>
 *   Project [s: decimal(20,2)]                  Project [s: decimal(25,2)]
 *   +- Aggregate [..., sum(...) AS s: decimal(25,2)]   ==>   (same child)
 * </pre>
 */
final class RefreshAttributeTypes implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node.children().isEmpty() || !node.children().stream().allMatch(LogicalPlan::resolved)) {
                return node;
            }
            Map<ExprId, Attribute> produced = new HashMap<>();
            for (LogicalPlan child : node.children()) {
                for (Attribute attribute : child.output()) {
                    produced.put(attribute.exprId(), attribute);
                }
            }
            return Plans.transformExpressions(node, expression -> {
                if (expression instanceof Attribute attribute) {
                    Attribute current = produced.get(attribute.exprId());
                    if (current != null
                            && (!current.dataType().equals(attribute.dataType())
                                    || current.nullable() != attribute.nullable())) {
                        return attribute.withDataType(current.dataType()).withNullability(current.nullable());
                    }
                }
                return expression;
            });
        });
    }
}
