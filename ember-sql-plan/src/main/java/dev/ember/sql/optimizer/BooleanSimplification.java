package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;

/**
 * Removes what boolean logic makes redundant: {@code true AND x} is {@code x}, {@code false AND x} is {@code false},
 * {@code true OR x} is {@code true}, {@code false OR x} is {@code x}, {@code NOT NOT x} is {@code x}, {@code x AND x}
 * is {@code x}; a conjunct common to every branch of an OR moves out of it ({@code (a AND x) OR (a AND y)} is
 * {@code a AND (x OR y)}); a filter that is always true goes.
 *
 * <pre>
 *   Filter (true AND (a > 1))   ==>   Filter (a > 1)
 *   Filter true                 ==>   (its child)
 * </pre>
 */
public final class BooleanSimplification implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan simplified = Plans.transformAllExpressions(plan, BooleanSimplification::simplify);
        return Plans.transformUp(
                simplified,
                node -> node instanceof Filter filter
                                && filter.condition() instanceof Literal literal
                                && literal.isBoolean(true)
                        ? filter.child()
                        : node);
    }

    static Expression simplify(Expression expression) {
        if (expression instanceof And and) {
            if (isTrue(and.left())) {
                return and.right();
            }
            if (isTrue(and.right())) {
                return and.left();
            }
            if (isFalse(and.left()) || isFalse(and.right())) {
                return Literal.FALSE;
            }
            if (and.left().equals(and.right()) && and.left().deterministic()) {
                return and.left();
            }
        }
        if (expression instanceof Or or) {
            if (isFalse(or.left())) {
                return or.right();
            }
            if (isFalse(or.right())) {
                return or.left();
            }
            if (isTrue(or.left()) || isTrue(or.right())) {
                return Literal.TRUE;
            }
            if (or.left().equals(or.right()) && or.left().deterministic()) {
                return or.left();
            }
        }
        if (expression instanceof Not not && not.child() instanceof Not inner) {
            return inner.child();
        }
        if (expression instanceof Or or && or.deterministic()) {
            return extractCommonConjuncts(or);
        }
        return expression;
    }

    /**
     * {@code (a AND x) OR (a AND y)} is {@code a AND (x OR y)}: a conjunct every branch has holds for the whole
     * disjunction, and a join can then use it as a key (TPC-H Q19's {@code p_partkey = l_partkey}).
     */
    private static Expression extractCommonConjuncts(Or or) {
        java.util.List<Expression> left = dev.ember.sql.expressions.Expressions.splitConjuncts(or.left());
        java.util.List<Expression> right = dev.ember.sql.expressions.Expressions.splitConjuncts(or.right());
        java.util.List<Expression> common = new java.util.ArrayList<>();
        for (Expression conjunct : left) {
            if (right.contains(conjunct) && !common.contains(conjunct)) {
                common.add(conjunct);
            }
        }
        if (common.isEmpty()) {
            return or;
        }
        java.util.List<Expression> leftRest = new java.util.ArrayList<>(left);
        leftRest.removeAll(common);
        java.util.List<Expression> rightRest = new java.util.ArrayList<>(right);
        rightRest.removeAll(common);
        Expression commonPart = dev.ember.sql.expressions.Expressions.and(common);
        if (leftRest.isEmpty() || rightRest.isEmpty()) {
            // (a) OR (a AND y) is a.
            return commonPart;
        }
        return new And(
                commonPart,
                new Or(
                        dev.ember.sql.expressions.Expressions.and(leftRest),
                        dev.ember.sql.expressions.Expressions.and(rightRest)));
    }

    private static boolean isTrue(Expression expression) {
        return expression instanceof Literal literal && literal.isBoolean(true);
    }

    private static boolean isFalse(Expression expression) {
        return expression instanceof Literal literal && literal.isBoolean(false);
    }
}
