package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.plans.logical.Union;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        return reinstance(plan, null);
    }

    /**
     * {@code plan} with a new id for every column of its relations, and for each of its aliases whose id is among
     * {@code taken} (every alias when {@code taken} is null); other aliases keep theirs, so references to them from above stay valid.
     */
    static LogicalPlan reinstance(LogicalPlan plan, Set<ExprId> taken) {
        Map<ExprId, ExprId> renamed = new HashMap<>();
        return Plans.transformUp(plan, node -> {
            LogicalPlan leaf = newLeaf(node, renamed);
            if (leaf != null) {
                return leaf;
            }
            return node.mapExpressions(
                    expression -> Expressions.transformUp(expression, e -> rename(e, renamed, taken)));
        });
    }

    private static LogicalPlan newLeaf(LogicalPlan node, Map<ExprId, ExprId> renamed) {
        if (node instanceof LocalRelation local) {
            return new LocalRelation(fresh(local.output(), renamed), local.rows());
        }
        if (node instanceof Range range) {
            return new Range(
                    range.start(),
                    range.end(),
                    range.step(),
                    range.numPartitions(),
                    fresh(List.of(range.id()), renamed).get(0));
        }
        if (node instanceof SourceRelation source) {
            List<Attribute> output = fresh(source.output(), renamed);
            List<Expression> filters = new ArrayList<>();
            for (Expression filter : source.pushedFilters()) {
                filters.add(Expressions.transformUp(filter, e -> rename(e, renamed, Set.of())));
            }
            return new SourceRelation(source.source(), output, filters);
        }
        return null;
    }

    private static List<Attribute> fresh(List<Attribute> attributes, Map<ExprId, ExprId> renamed) {
        List<Attribute> result = new ArrayList<>();
        for (Attribute attribute : attributes) {
            ExprId id = renamed.computeIfAbsent(attribute.exprId(), ignored -> ExprId.next());
            result.add(attribute.withExprId(id));
        }
        return result;
    }

    private static Expression rename(Expression expression, Map<ExprId, ExprId> renamed, Set<ExprId> taken) {
        if (expression instanceof Attribute attribute) {
            ExprId id = renamed.get(attribute.exprId());
            return id == null ? attribute : attribute.withExprId(id);
        }
        if (expression instanceof Alias alias && (taken == null || taken.contains(alias.exprId()))) {
            ExprId id = renamed.computeIfAbsent(alias.exprId(), ignored -> ExprId.next());
            return new Alias(alias.child(), alias.name(), id, alias.qualifier());
        }
        return expression;
    }
}
