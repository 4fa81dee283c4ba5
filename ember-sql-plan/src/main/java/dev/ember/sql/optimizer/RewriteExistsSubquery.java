package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EXISTS (subquery)} as a conjunct of a filter (WHERE or HAVING) becomes a left semi join of the filter's input
 * with the subquery, on the subquery's correlated predicates; {@code NOT EXISTS} a left anti join. The other conjuncts
 * stay in a filter above. Without correlation the join has no condition: every row is kept (semi) or dropped (anti)
 * when the subquery has a row.
 *
 * <pre>
 *   Filter (exists[Filter (u.k = outer(t.k) AND u.x > 1)] AND t.y = 2)
 *   +- Relation t
 *                          ==>
 *   Filter (t.y = 2)
 *   +- Join LeftSemi, (u.k = t.k)
 *      :- Relation t
 *      +- Filter (u.x > 1)
 *         +- Relation u
 * </pre>
 *
 * {@code EXISTS} elsewhere (in a select list, under OR) is left alone: uncorrelated it is computed once before the
 * query runs, correlated it is reported as unsupported by {@link CheckSubqueriesRewritten}.
 */
public final class RewriteExistsSubquery implements Rule {
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
                if (conjunct instanceof Exists exists) {
                    current = join(current, exists, JoinType.LEFT_SEMI);
                    rewritten = true;
                } else if (conjunct instanceof Not not && not.child() instanceof Exists exists) {
                    current = join(current, exists, JoinType.LEFT_ANTI);
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

    private static LogicalPlan join(LogicalPlan left, Exists exists, JoinType type) {
        Subqueries.Pulled pulled = Subqueries.pull(exists.plan(), "EXISTS subquery");
        Subqueries.requireWithin(pulled.predicates(), left, exists.plan(), "EXISTS subquery");
        return new Join(left, pulled.plan(), type, Expressions.and(pulled.predicates()));
    }
}
