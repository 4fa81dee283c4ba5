package dev.ember.sql.planner;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A join condition split into equality keys ({@code l = r} with {@code l} over the left side only and {@code r} over the
 * right only, either way round) and what remains, which is checked on each pair.
 */
record JoinKeys(List<Expression> leftKeys, List<Expression> rightKeys, Expression remaining) {
    static JoinKeys of(Expression condition, List<Attribute> left, List<Attribute> right) {
        List<Expression> leftKeys = new ArrayList<>();
        List<Expression> rightKeys = new ArrayList<>();
        List<Expression> rest = new ArrayList<>();
        if (condition != null) {
            Set<dev.ember.sql.expressions.ExprId> leftIds = ids(left);
            Set<dev.ember.sql.expressions.ExprId> rightIds = ids(right);
            for (Expression conjunct : Expressions.splitConjuncts(condition)) {
                if (conjunct instanceof Comparison comparison && comparison.op() == Comparison.Op.EQUAL) {
                    if (within(comparison.left(), leftIds) && within(comparison.right(), rightIds)) {
                        leftKeys.add(comparison.left());
                        rightKeys.add(comparison.right());
                        continue;
                    }
                    if (within(comparison.left(), rightIds) && within(comparison.right(), leftIds)) {
                        leftKeys.add(comparison.right());
                        rightKeys.add(comparison.left());
                        continue;
                    }
                }
                rest.add(conjunct);
            }
        }
        return new JoinKeys(leftKeys, rightKeys, Expressions.and(rest));
    }

    private static Set<dev.ember.sql.expressions.ExprId> ids(List<Attribute> attributes) {
        Set<dev.ember.sql.expressions.ExprId> ids = new HashSet<>();
        for (Attribute attribute : attributes) {
            ids.add(attribute.exprId());
        }
        return ids;
    }

    private static boolean within(Expression expression, Set<dev.ember.sql.expressions.ExprId> ids) {
        Set<Attribute> references = Expressions.references(expression);
        if (references.isEmpty()) {
            return false;
        }
        for (Attribute attribute : references) {
            if (!ids.contains(attribute.exprId())) {
                return false;
            }
        }
        return true;
    }
}
