package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Not;
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
 * {@code x IN (subquery)} as a conjunct of a filter becomes a left semi join on {@code x = c} (c the subquery's
 * column; one equality per column for {@code (a, b) IN}) and the subquery's correlated predicates.
 *
 * <pre>
 *   Filter (t.x IN subquery[Project [u.c] ...])       Join LeftSemi, (t.x = u.c)
 *   +- Relation t                              ==>    :- Relation t
 *                                                     +- Project [u.c] ...
 * </pre>
 *
 * {@code x NOT IN (subquery)} is true only when {@code x = c} is false for every row of the subquery: a null on either
 * side makes it unknown, so the row is dropped. That is a left anti join whose condition matches every pair where the
 * equality is not false:
 *
 * <pre>
 *   Filter NOT (t.x IN subquery[...])    ==>   Join LeftAnti, ((t.x = u.c) OR ((t.x = u.c) IS NULL))
 * </pre>
 *
 * When neither side can be null the condition is the plain equality, and the join is a hash join. Otherwise the
 * condition is a disjunction with no equality key, so the join is a nested loop over the pairs: correct, but slow for
 * large subqueries (a null-aware hash anti join would be the cure).
 */
public final class RewriteInSubquery implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Filter filter)) {
                return node;
            }
            List<Expression> kept = new ArrayList<>();
            LogicalPlan current = filter.child();
            boolean rewritten = false;
            for (Expression conjunct : Expressions.splitConjuncts(filter.condition())) {
                if (conjunct instanceof InSubquery in) {
                    current = join(current, in, false);
                    rewritten = true;
                } else if (conjunct instanceof Not not && not.child() instanceof InSubquery in) {
                    current = join(current, in, true);
                    rewritten = true;
                } else {
                    kept.add(conjunct);
                }
            }
            if (!rewritten) {
                return node;
            }
            return kept.isEmpty() ? current : new Filter(Expressions.and(kept), current);
        });
    }

    private static LogicalPlan join(LogicalPlan left, InSubquery in, boolean negated) {
        String construct = negated ? "NOT IN subquery" : "IN subquery";
        Subqueries.Pulled pulled = Subqueries.pull(in.plan(), construct);
        Subqueries.requireWithin(pulled.predicates(), left, in.plan(), construct);
        List<Attribute> columns = in.plan().output();
        List<Expression> equalities = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            equalities.add(new Comparison(Comparison.Op.EQUAL, in.values().get(i), columns.get(i)));
        }
        Expression matches = Expressions.and(equalities);
        if (negated && matches.nullable()) {
            matches = new Or(matches, new IsNull(matches));
        }
        List<Expression> condition = new ArrayList<>();
        condition.add(matches);
        condition.addAll(pulled.predicates());
        return new Join(
                left, pulled.plan(), negated ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI, Expressions.and(condition));
    }
}
