package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.plans.logical.Union;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads only the columns the query uses: walking down from the result, each node passes on the columns it and the
 * nodes above need; a scan keeps only those, and a projection below the top drops what nothing above reads. A join's
 * input drops the columns only the operators below it read, before the join's exchange. Inputs of unions and set
 * operations keep all their columns (they match by position).
 *
 * <pre>
 *   Project [a]                        ==>   Project [a]
 *   +- Filter (b > 1)                        +- Filter (b > 1)
 *      +- Relation csv [a, b, c, d]             +- Relation csv [a, b]
 * </pre>
 */
public final class ColumnPruning implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return prune(plan, ids(plan.output()), true);
    }

    private static LogicalPlan prune(LogicalPlan plan, Set<ExprId> required, boolean top) {
        if (plan instanceof SourceRelation relation) {
            List<Attribute> kept = new ArrayList<>();
            for (Attribute attribute : relation.output()) {
                if (required.contains(attribute.exprId())) {
                    kept.add(attribute);
                }
            }
            if (kept.isEmpty() && !relation.output().isEmpty()) {
                // count(*) reads no column, but a scan must still produce rows: keep the narrowest.
                Attribute narrowest = relation.output().get(0);
                for (Attribute attribute : relation.output()) {
                    if (attribute.dataType().defaultSize()
                            < narrowest.dataType().defaultSize()) {
                        narrowest = attribute;
                    }
                }
                kept.add(narrowest);
            }
            return kept.size() == relation.output().size()
                    ? relation
                    : new SourceRelation(relation.source(), kept, relation.pushedFilters());
        }
        if (plan instanceof Project project && !top) {
            List<NamedExpression> kept = new ArrayList<>();
            for (NamedExpression expression : project.projectList()) {
                if (required.contains(expression.toAttribute().exprId())) {
                    kept.add(expression);
                }
            }
            if (kept.isEmpty() && !project.projectList().isEmpty()) {
                kept.add(project.projectList().get(0));
            }
            Set<ExprId> below = ids(Expressions.references(kept));
            LogicalPlan child = prune(project.child(), below, false);
            if (kept.size() == project.projectList().size() && child == project.child()) {
                return plan;
            }
            return new Project(kept, child);
        }
        if (plan instanceof Union || plan instanceof SetOperation || plan instanceof Distinct) {
            List<LogicalPlan> children = new ArrayList<>();
            boolean changed = false;
            for (LogicalPlan child : plan.children()) {
                LogicalPlan pruned = prune(child, ids(child.output()), false);
                changed |= pruned != child;
                children.add(pruned);
            }
            return changed ? plan.withChildren(children) : plan;
        }
        Set<ExprId> needed = new HashSet<>(required);
        for (Expression expression : plan.expressions()) {
            needed.addAll(ids(Expressions.references(expression)));
        }
        if (plan instanceof Project project) {
            needed = ids(Expressions.references(project.projectList()));
        }
        List<LogicalPlan> children = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan child : plan.children()) {
            LogicalPlan pruned = prune(child, needed, false);
            if (plan instanceof Join) {
                pruned = narrowed(pruned, needed);
            }
            changed |= pruned != child;
            children.add(pruned);
        }
        return changed ? plan.withChildren(children) : plan;
    }

    /**
     * A join's input without the columns only the operators below it read (a filter's): a join's sides are exchanged,
     * and TPC-H Q13's orders would carry their comments, read only by the filter under the join, through the exchange.
     */
    private static LogicalPlan narrowed(LogicalPlan child, Set<ExprId> needed) {
        List<NamedExpression> kept = new ArrayList<>();
        for (Attribute attribute : child.output()) {
            if (needed.contains(attribute.exprId())) {
                kept.add(attribute);
            }
        }
        if (kept.size() == child.output().size() || kept.isEmpty()) {
            return child;
        }
        return new Project(kept, child);
    }

    private static Set<ExprId> ids(java.util.Collection<? extends Attribute> attributes) {
        Set<ExprId> ids = new HashSet<>();
        for (Attribute attribute : attributes) {
            ids.add(attribute.exprId());
        }
        return ids;
    }
}
