package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders a chain of inner joins so that each join has a condition: {@code FROM part, supplier, lineitem WHERE
 * p_partkey = l_partkey AND s_suppkey = l_suppkey}, written in that order, would first join part with supplier on
 * nothing (a cross product). The relations of the chain and its conditions are gathered; the joins are rebuilt left
 * deep, starting from the first relation and adding at each step the relation, among those a condition connects to
 * what is joined so far, written first; one that nothing connects is added only when no other is left. Each
 * condition goes to the first join that has all its columns; a projection restores the chain's column order.
 *
 * <pre>
 *   Join Inner (b.k = c.k AND a.j = c.j)          Project [a, b, c columns]
 *   :- Join Cross                           ==>   +- Join Inner (b.k = c.k)
 *   :  :- A                                          :- Join Inner (a.j = c.j)
 *   :  +- B                                          :  :- A
 *   +- C                                             :  +- C
 *                                                    +- B
 * </pre>
 *
 * A chain whose joins all have conditions in the order written is left alone, as is any join with a hint.
 */
public final class ReorderJoins implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (innerJoin(plan)) {
            LogicalPlan reordered = reorder(plan);
            if (reordered != plan) {
                return reordered;
            }
        }
        List<LogicalPlan> children = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan child : plan.children()) {
            LogicalPlan next = apply(child);
            changed |= next != child;
            children.add(next);
        }
        return changed ? plan.withChildren(children) : plan;
    }

    private static boolean innerJoin(LogicalPlan plan) {
        return plan instanceof Join join
                && (join.joinType() == JoinType.INNER || join.joinType() == JoinType.CROSS)
                && join.hint().equals(JoinHint.NONE);
    }

    private LogicalPlan reorder(LogicalPlan root) {
        List<LogicalPlan> relations = new ArrayList<>();
        List<Expression> conditions = new ArrayList<>();
        flatten(root, relations, conditions);
        if (relations.size() < 3 || !needsReordering(root)) {
            return root;
        }
        List<LogicalPlan> joinedRelations = new ArrayList<>();
        for (LogicalPlan relation : relations) {
            joinedRelations.add(apply(relation));
        }
        List<Expression> pending = new ArrayList<>(conditions);
        List<LogicalPlan> left = new ArrayList<>(joinedRelations);
        LogicalPlan current = left.remove(0);
        Set<ExprId> joined = ids(current.output());
        while (!left.isEmpty()) {
            int chosen = -1;
            for (int i = 0; i < left.size() && chosen < 0; i++) {
                Set<ExprId> candidate = ids(left.get(i).output());
                for (Expression condition : pending) {
                    Set<ExprId> references = ids(Expressions.references(condition));
                    if (touches(references, joined) && touches(references, candidate)) {
                        chosen = i;
                        break;
                    }
                }
            }
            LogicalPlan next = left.remove(chosen < 0 ? 0 : chosen);
            Set<ExprId> together = new HashSet<>(joined);
            together.addAll(ids(next.output()));
            List<Expression> here = new ArrayList<>();
            for (Expression condition : new ArrayList<>(pending)) {
                if (together.containsAll(ids(Expressions.references(condition)))) {
                    here.add(condition);
                    pending.remove(condition);
                }
            }
            Expression condition = Expressions.and(here);
            current = new Join(current, next, condition == null ? JoinType.CROSS : JoinType.INNER, condition);
            joined = together;
        }
        if (!pending.isEmpty()) {
            current = new Filter(Expressions.and(pending), current);
        }
        return new Project(new ArrayList<NamedExpression>(root.output()), current);
    }

    /** Whether some join of the chain, as written, has no condition (a cross product the order could avoid). */
    private static boolean needsReordering(LogicalPlan plan) {
        if (!innerJoin(plan)) {
            return false;
        }
        Join join = (Join) plan;
        return join.condition() == null || needsReordering(join.left()) || needsReordering(join.right());
    }

    private static void flatten(LogicalPlan plan, List<LogicalPlan> relations, List<Expression> conditions) {
        if (innerJoin(plan)) {
            Join join = (Join) plan;
            flatten(join.left(), relations, conditions);
            flatten(join.right(), relations, conditions);
            if (join.condition() != null) {
                conditions.addAll(Expressions.splitConjuncts(join.condition()));
            }
        } else {
            relations.add(plan);
        }
    }

    private static boolean touches(Set<ExprId> references, Set<ExprId> side) {
        for (ExprId id : references) {
            if (side.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private static Set<ExprId> ids(java.util.Collection<? extends Attribute> attributes) {
        Set<ExprId> ids = new HashSet<>();
        for (Attribute attribute : attributes) {
            ids.add(attribute.exprId());
        }
        return ids;
    }
}
