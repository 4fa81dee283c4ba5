package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.plans.logical.FreshIds;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.Union;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A relation used twice in one query ({@code FROM t a JOIN t b}, a Dataset joined with itself) would give both sides
 * the same column identities, and then {@code a.id = b.id} could not tell them apart. When the two sides of a join (or
 * of a set operation) share column ids, the right side gets new ones: every column it defines (a relation's columns,
 * its aliases) gets a new id and every reference inside it follows.
 */
final class DeduplicateRelations implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!node.children().stream().allMatch(LogicalPlan::resolved)
                    || node.children().size() < 2) {
                return node;
            }
            if (!(node instanceof Join || node instanceof Union || node instanceof SetOperation)) {
                return node;
            }
            List<LogicalPlan> children = new ArrayList<>(node.children());
            Set<ExprId> seen = new HashSet<>();
            boolean changed = false;
            for (int i = 0; i < children.size(); i++) {
                LogicalPlan child = children.get(i);
                Set<ExprId> ids = new HashSet<>();
                for (Attribute attribute : child.output()) {
                    ids.add(attribute.exprId());
                }
                if (i > 0 && ids.stream().anyMatch(seen::contains)) {
                    child = reinstance(child, seen);
                    children.set(i, child);
                    changed = true;
                    ids.clear();
                    for (Attribute attribute : child.output()) {
                        ids.add(attribute.exprId());
                    }
                }
                seen.addAll(ids);
            }
            return changed ? node.withChildren(children) : node;
        });
    }

    /**
     * Whether a node's children may be resolved against: false for a join or set operation whose children still share
     * column ids, which this rule has not renamed yet. Resolving such a node's names first would bind a name of the
     * right side to the left side's column, which keeps its id after the renaming: {@code FROM t a JOIN u ... LEFT JOIN
     * t b ON a.x = b.y} would read {@code a.y}.
     */
    static boolean duplicatesResolved(LogicalPlan node) {
        if (node.children().size() < 2
                || !(node instanceof Join || node instanceof Union || node instanceof SetOperation)) {
            return true;
        }
        Set<ExprId> seen = new HashSet<>();
        for (LogicalPlan child : node.children()) {
            Set<ExprId> ids = new HashSet<>();
            for (Attribute attribute : child.output()) {
                if (seen.contains(attribute.exprId())) {
                    return false;
                }
                ids.add(attribute.exprId());
            }
            seen.addAll(ids);
        }
        return true;
    }

    /** {@code plan} with a new id for every column it defines: its relations' columns and its aliases. */
    static LogicalPlan reinstance(LogicalPlan plan) {
        return FreshIds.copy(plan).plan();
    }

    /** {@code plan} with new ids for its relations' columns and for those of its aliases among {@code taken}. */
    static LogicalPlan reinstance(LogicalPlan plan, Set<ExprId> taken) {
        return FreshIds.copy(plan, taken).plan();
    }
}
