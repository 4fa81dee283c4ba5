package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inside a subquery, a relation that the enclosing query reads too ({@code lineitem l1} outside, {@code lineitem l2}
 * inside, as in TPC-H Q21) comes from the catalog with the same column ids. Before any name is bound to the enclosing
 * columns, such a relation gets new ids (as {@link DeduplicateRelations} does for the sides of a self-join), so that
 * {@code l2.l_orderkey = l1.l_orderkey} compares two different columns. Outside a subquery it does nothing.
 */
final class DeduplicateOuterRelations implements dev.ember.sql.rules.Rule {
    private final Set<ExprId> outerIds = new HashSet<>();

    DeduplicateOuterRelations(List<List<Attribute>> outerScopes) {
        for (List<Attribute> scope : outerScopes) {
            for (Attribute attribute : scope) {
                outerIds.add(attribute.exprId());
            }
        }
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (outerIds.isEmpty()) {
            return plan;
        }
        return Plans.transformDown(plan, node -> {
            if (!node.resolved() || !Plans.anyMatch(node, this::collides)) {
                return node;
            }
            return DeduplicateRelations.reinstance(node);
        });
    }

    private boolean collides(LogicalPlan node) {
        for (Attribute attribute : node.output()) {
            if (outerIds.contains(attribute.exprId())) {
                return true;
            }
        }
        return false;
    }
}
