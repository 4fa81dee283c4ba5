package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
                Joined joined = join(current, subquery);
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

    private record Joined(LogicalPlan plan, Attribute marker) {}

    private static Joined join(LogicalPlan left, SubqueryExpression subquery) {
        Subqueries.Pulled pulled = Subqueries.pull(subquery.plan(), CONSTRUCT);
        Subqueries.requireWithin(pulled.predicates(), left, subquery.plan(), CONSTRUCT);
        Set<ExprId> inner = Subqueries.definedIds(pulled.plan());
        List<Expression> innerKeys = new ArrayList<>();
        List<Expression> outerKeys = new ArrayList<>();
        if (subquery instanceof InSubquery in) {
            List<Attribute> columns = subquery.plan().output();
            for (int i = 0; i < columns.size(); i++) {
                innerKeys.add(columns.get(i));
                outerKeys.add(in.values().get(i));
            }
        }
        for (Expression predicate : pulled.predicates()) {
            if (predicate instanceof Comparison comparison && comparison.op() == Comparison.Op.EQUAL) {
                if (Subqueries.within(comparison.left(), inner) && Subqueries.outside(comparison.right(), inner)) {
                    innerKeys.add(comparison.left());
                    outerKeys.add(comparison.right());
                    continue;
                }
                if (Subqueries.within(comparison.right(), inner) && Subqueries.outside(comparison.left(), inner)) {
                    innerKeys.add(comparison.right());
                    outerKeys.add(comparison.left());
                    continue;
                }
            }
            throw Subqueries.unsupported(
                    CONSTRUCT,
                    "only equalities may correlate it, each comparing a subquery column with an outer one, not "
                            + predicate.sql());
        }
        Alias marker = Alias.of(Literal.TRUE, "subquery_matched");
        LogicalPlan matched;
        List<Expression> condition = new ArrayList<>();
        if (innerKeys.isEmpty()) {
            // EXISTS without correlation: one row when the subquery has any.
            matched = new Project(List.of(marker), new Limit(1, pulled.plan()));
        } else {
            List<NamedExpression> list = new ArrayList<>();
            for (int i = 0; i < innerKeys.size(); i++) {
                Expression key = innerKeys.get(i);
                NamedExpression named = key instanceof Attribute attribute ? attribute : Alias.of(key, "key_" + i);
                list.add(named);
                condition.add(new Comparison(
                        Comparison.Op.EQUAL,
                        outerKeys.get(i),
                        named.toAttribute().withNullability(true)));
            }
            list.add(marker);
            matched = new Aggregate(innerKeys, list, pulled.plan());
        }
        Join join =
                new Join(left, matched, JoinType.LEFT_OUTER, condition.isEmpty() ? null : Expressions.and(condition));
        return new Joined(join, marker.toAttribute().withNullability(true));
    }
}
