package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code IN (subquery)} and {@code EXISTS (subquery)} inside an {@code OR} of a filter ({@code WHERE d IN (SELECT ...)
 * OR d = 40}), which a semi join cannot express: the subquery, made distinct on its join keys (its column for {@code
 * IN}, its side of the correlation equalities) with a {@code true} marker, is left outer joined with the filter's
 * input, and the predicate becomes {@code marker IS NOT NULL}:
 *
 * <pre>
 *   Filter (d IN subquery[Project [dept]...] OR d = 40)     Project [..]
 *   +- R                                         ==>       +- Filter (m IS NOT NULL OR d = 40)
 *                                                             +- Join LeftOuter, (d = dept)
 *                                                                :- R
 *                                                                +- Aggregate [dept], [dept, true AS m]
 * </pre>
 *
 * Each input row meets at most one row of the distinct side, so no row is repeated. Only predicates reached from the
 * condition through {@code AND} and {@code OR} are rewritten: there an unknown and a false keep the same rows, which
 * is what the marker gives (under {@code NOT} they would not). Correlation must be by equalities.
 */
public final class RewriteSubqueriesInDisjunctions implements Rule {
    private static final String CONSTRUCT = "subquery in an OR";

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Filter filter)) {
                return node;
            }
            List<SubqueryExpression> found = new ArrayList<>();
            collect(filter.condition(), false, found);
            if (found.isEmpty()) {
                return node;
            }
            LogicalPlan current = filter.child();
            Map<SubqueryExpression, Expression> markers = new IdentityHashMap<>();
            for (SubqueryExpression subquery : found) {
                SubqueryJoins.Joined joined = SubqueryJoins.matched(current, subquery, CONSTRUCT);
                current = joined.plan();
                markers.put(subquery, new IsNotNull(joined.marker()));
            }
            Expression condition = Expressions.transformDown(filter.condition(), e -> {
                Expression marker = e instanceof SubqueryExpression s ? markers.get(s) : null;
                return marker != null ? marker : e;
            });
            return new Project(new ArrayList<NamedExpression>(filter.child().output()), new Filter(condition, current));
        });
    }

    /** The IN and EXISTS predicates reached through AND and OR only, at least one OR below the root. */
    private static void collect(Expression expression, boolean underOr, List<SubqueryExpression> found) {
        if (expression instanceof And and) {
            collect(and.left(), underOr, found);
            collect(and.right(), underOr, found);
        } else if (expression instanceof Or or) {
            collect(or.left(), true, found);
            collect(or.right(), true, found);
        } else if (underOr && (expression instanceof InSubquery || expression instanceof Exists)) {
            found.add((SubqueryExpression) expression);
        }
    }
}
