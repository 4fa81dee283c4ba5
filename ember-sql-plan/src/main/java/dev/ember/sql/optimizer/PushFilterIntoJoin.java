package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves the conjuncts of a filter above a join, and of a join's condition, to where they belong:
 *
 * <ul>
 *   <li>a conjunct over one side's columns only runs as a filter on that side, below the join, when the join does not
 *       make that side's rows appear padded with nulls (the left of a left outer join may take it, the right not);
 *   <li>of a filter above an inner (or cross) join, the rest becomes the join's condition, so that {@code FROM a, b
 *       WHERE a.k = b.k} is an equi-join rather than a cross product;
 *   <li>a conjunct of a join's condition over one side's columns only runs as a filter on that side where that side's
 *       rows failing it could only have met nothing (see {@link #pushCondition}).
 * </ul>
 *
 * <pre>
 *   Filter (a.k = b.k AND a.x > 1)        ==>   Join Inner, (a.k = b.k)
 *   +- Join Inner                               :- Filter (a.x > 1)
 *      :- A                                     :  +- A
 *      +- B                                     +- B
 * </pre>
 */
public final class PushFilterIntoJoin implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Filter filter && filter.child() instanceof Join join) {
                return pushFilter(filter, join);
            }
            if (node instanceof Join join && join.condition() != null) {
                return pushCondition(join);
            }
            return node;
        });
    }

    private static LogicalPlan pushFilter(Filter filter, Join join) {
        JoinType type = join.joinType();
        boolean canPushLeft = type == JoinType.INNER
                || type == JoinType.CROSS
                || type == JoinType.LEFT_OUTER
                || type == JoinType.LEFT_SEMI
                || type == JoinType.LEFT_ANTI;
        boolean canPushRight = type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.RIGHT_OUTER;
        boolean inner = type == JoinType.INNER || type == JoinType.CROSS;
        List<Expression> leftConjuncts = new ArrayList<>();
        List<Expression> rightConjuncts = new ArrayList<>();
        List<Expression> joinConjuncts = new ArrayList<>();
        List<Expression> kept = new ArrayList<>();
        Set<Attribute> left = new HashSet<>(join.left().output());
        Set<Attribute> right = new HashSet<>(join.right().output());
        for (Expression conjunct : Expressions.splitConjuncts(filter.condition())) {
            Set<Attribute> references = Expressions.references(conjunct);
            if (!conjunct.deterministic()) {
                kept.add(conjunct);
            } else if (canPushLeft && !references.isEmpty() && within(references, left)) {
                leftConjuncts.add(conjunct);
            } else if (canPushRight && !references.isEmpty() && within(references, right)) {
                rightConjuncts.add(conjunct);
            } else if (inner) {
                joinConjuncts.add(conjunct);
            } else {
                kept.add(conjunct);
            }
        }
        if (leftConjuncts.isEmpty() && rightConjuncts.isEmpty() && joinConjuncts.isEmpty()) {
            return filter;
        }
        LogicalPlan newLeft =
                leftConjuncts.isEmpty() ? join.left() : new Filter(Expressions.and(leftConjuncts), join.left());
        LogicalPlan newRight =
                rightConjuncts.isEmpty() ? join.right() : new Filter(Expressions.and(rightConjuncts), join.right());
        Expression condition = join.condition();
        if (!joinConjuncts.isEmpty()) {
            List<Expression> all = new ArrayList<>();
            if (condition != null) {
                all.add(condition);
            }
            all.addAll(joinConjuncts);
            condition = Expressions.and(all);
        }
        JoinType newType = type == JoinType.CROSS && condition != null ? JoinType.INNER : type;
        LogicalPlan newJoin =
                new Join(newLeft, newRight, newType, condition, join.usingColumns(), join.natural(), join.hint());
        return kept.isEmpty() ? newJoin : new Filter(Expressions.and(kept), newJoin);
    }

    /**
     * A join condition's conjuncts over one side only, as filters on that side, where that keeps the join's rows: a row
     * of that side failing the conjunct could only have met nothing. Either side of an inner or semi join; the side an
     * outer join pads with nulls (the right of a left outer join: TPC-H Q13's {@code o_comment NOT LIKE ...} in its
     * {@code ON}, which then filters orders before their exchange instead of every pair after it), and the right side
     * of an anti join. Never the side an outer or anti join keeps: its rows failing the conjunct are still output.
     */
    private static LogicalPlan pushCondition(Join join) {
        JoinType type = join.joinType();
        boolean toLeft = type == JoinType.INNER
                || type == JoinType.CROSS
                || type == JoinType.LEFT_SEMI
                || type == JoinType.RIGHT_OUTER;
        boolean toRight = type == JoinType.INNER
                || type == JoinType.CROSS
                || type == JoinType.LEFT_SEMI
                || type == JoinType.LEFT_ANTI
                || type == JoinType.LEFT_OUTER;
        Set<Attribute> left = new HashSet<>(join.left().output());
        Set<Attribute> right = new HashSet<>(join.right().output());
        List<Expression> leftConjuncts = new ArrayList<>();
        List<Expression> rightConjuncts = new ArrayList<>();
        List<Expression> kept = new ArrayList<>();
        for (Expression conjunct : Expressions.splitConjuncts(join.condition())) {
            Set<Attribute> references = Expressions.references(conjunct);
            if (toLeft && conjunct.deterministic() && !references.isEmpty() && within(references, left)) {
                leftConjuncts.add(conjunct);
            } else if (toRight && conjunct.deterministic() && !references.isEmpty() && within(references, right)) {
                rightConjuncts.add(conjunct);
            } else {
                kept.add(conjunct);
            }
        }
        if (leftConjuncts.isEmpty() && rightConjuncts.isEmpty()) {
            return join;
        }
        return new Join(
                leftConjuncts.isEmpty() ? join.left() : new Filter(Expressions.and(leftConjuncts), join.left()),
                rightConjuncts.isEmpty() ? join.right() : new Filter(Expressions.and(rightConjuncts), join.right()),
                join.joinType(),
                Expressions.and(kept),
                join.usingColumns(),
                join.natural(),
                join.hint());
    }

    private static boolean within(Set<Attribute> references, Set<Attribute> side) {
        for (Attribute reference : references) {
            if (side.stream().noneMatch(attribute -> attribute.exprId().equals(reference.exprId()))) {
                return false;
            }
        }
        return true;
    }
}
