package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A join condition (or a conjunct of it) that is a disjunction of conjunctions tells each side something of its own: when every disjunct
 * has conjuncts that read only one side, the disjunction of those conjuncts holds for every row of that side that can
 * match, and filters the side before the join. The condition itself stays as it was.
 *
 * <pre>
 *   Join ((n1 = 'FRANCE' AND n2 = 'GERMANY') OR (n1 = 'GERMANY' AND n2 = 'FRANCE'))
 *   ==>  left side:  Filter (n1 = 'FRANCE' OR n1 = 'GERMANY')
 *        right side: Filter (n2 = 'GERMANY' OR n2 = 'FRANCE')
 * </pre>
 *
 * TPC-H Q7 and Q19 have such conditions: filtered this way, the nations of Q7 and the parts and line items of Q19 are
 * a fraction of their tables before they are joined. A side gets a filter only where dropping its non-matching rows
 * changes nothing: not the preserved side of an outer join, nor the left side of an anti join. Run once (a filter
 * pushed further down would otherwise be inferred again).
 */
public final class InferFiltersFromDisjunctions implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Join join) || join.condition() == null || !join.resolved()) {
                return node;
            }
            JoinType type = join.joinType();
            boolean filterLeft = type == JoinType.INNER || type == JoinType.LEFT_SEMI || type == JoinType.RIGHT_OUTER;
            boolean filterRight = type == JoinType.INNER
                    || type == JoinType.LEFT_SEMI
                    || type == JoinType.LEFT_ANTI
                    || type == JoinType.LEFT_OUTER;
            List<Expression> leftFilters = new ArrayList<>();
            List<Expression> rightFilters = new ArrayList<>();
            for (Expression conjunct : Expressions.splitConjuncts(join.condition())) {
                List<Expression> disjuncts = disjuncts(conjunct);
                if (disjuncts.size() < 2) {
                    continue;
                }
                Expression left = filterLeft ? inferred(disjuncts, join.left().output()) : null;
                Expression right =
                        filterRight ? inferred(disjuncts, join.right().output()) : null;
                if (left != null) {
                    leftFilters.add(left);
                }
                if (right != null) {
                    rightFilters.add(right);
                }
            }
            Expression left = Expressions.and(leftFilters);
            Expression right = Expressions.and(rightFilters);
            if (left == null && right == null) {
                return node;
            }
            return join.withChildren(List.of(
                    left == null ? join.left() : new Filter(left, join.left()),
                    right == null ? join.right() : new Filter(right, join.right())));
        });
    }

    /** The disjunction, over the disjuncts, of their conjuncts that read only {@code side}; null if one has none. */
    private static Expression inferred(List<Expression> disjuncts, List<Attribute> side) {
        Expression result = null;
        for (Expression disjunct : disjuncts) {
            List<Expression> own = new ArrayList<>();
            for (Expression conjunct : Expressions.splitConjuncts(disjunct)) {
                if (conjunct.deterministic() && readsOnly(conjunct, side)) {
                    own.add(conjunct);
                }
            }
            if (own.isEmpty()) {
                return null;
            }
            Expression term = Expressions.and(own);
            result = result == null ? term : new Or(result, term);
        }
        return result;
    }

    private static List<Expression> disjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        collect(condition, out);
        return out;
    }

    private static void collect(Expression expression, List<Expression> out) {
        if (expression instanceof Or or) {
            collect(or.left(), out);
            collect(or.right(), out);
        } else {
            out.add(expression);
        }
    }

    private static boolean readsOnly(Expression expression, List<Attribute> side) {
        var references = Expressions.references(expression);
        return !references.isEmpty()
                && references.stream().allMatch(reference -> side.stream()
                        .anyMatch(a -> a.exprId().equals(reference.exprId())));
    }
}
