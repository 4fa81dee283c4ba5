package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
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
 * {@code IN} and correlated {@code EXISTS} subqueries where neither a semi or anti join (a conjunct of a filter) nor a
 * match marker alone (a place inside an {@code OR}) can stand for them: under {@code NOT} inside an {@code OR}, inside
 * other expressions ({@code CASE}, comparisons), in select lists and in the arguments of aggregate functions. The subquery is joined in ({@link SubqueryJoins})
 * and the predicate becomes an expression over the joined columns: {@code EXISTS} its match marker being non-null,
 * which is never unknown; {@code x IN (subquery)} its three values, true on a match, unknown when there is none but
 * {@code x} or a value of the subquery is null, false otherwise.
 *
 * <pre>
 *   Project [x, x IN subquery[Project [k] ...] AS f]       Project [x, CASE WHEN m IS NOT NULL THEN true ... END AS f]
 *   +- T                                          ==>      +- Join LeftOuter                      (counts of k, nulls)
 *                                                             :- Join LeftOuter, (x = k)
 *                                                             :  :- T
 *                                                             :  +- Aggregate [k], [k, true AS m]
 *                                                             +- Aggregate [], [count(1), count(k)]
 * </pre>
 *
 * It runs after the rules for conjuncts and for places inside an {@code OR}, and takes what they leave.
 */
public final class RewriteSubqueryPredicates implements Rule {
    private static final String CONSTRUCT = "IN or EXISTS subquery inside an expression";

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Filter filter) {
                List<SubqueryExpression> found = new ArrayList<>();
                collectNested(filter.condition(), found);
                if (found.isEmpty()) {
                    return node;
                }
                Rewritten rewritten = rewrite(filter.child(), found);
                Expression condition = rewritten.replace(filter.condition());
                return new Project(
                        new ArrayList<NamedExpression>(filter.child().output()),
                        new Filter(condition, rewritten.plan()));
            }
            if (node instanceof Project project) {
                List<SubqueryExpression> found = collect(new ArrayList<Expression>(project.projectList()));
                if (found.isEmpty()) {
                    return node;
                }
                Rewritten rewritten = rewrite(project.child(), found);
                List<NamedExpression> list = new ArrayList<>();
                for (NamedExpression item : project.projectList()) {
                    list.add((NamedExpression) rewritten.replace(item));
                }
                return new Project(list, rewritten.plan());
            }
            if (node instanceof Aggregate aggregate) {
                return rewriteAggregate(aggregate);
            }
            return node;
        });
    }

    /**
     * An aggregation whose aggregate functions read a subquery predicate ({@code sum(CASE WHEN x IN (...) THEN 1 END)}):
     * the subquery is joined to its input, and only the functions' arguments change. A predicate elsewhere (a grouping
     * key, the select list outside any aggregate) is left for the check to report.
     */
    private static LogicalPlan rewriteAggregate(Aggregate aggregate) {
        List<SubqueryExpression> found = new ArrayList<>();
        List<AggregateExpression> calls = new ArrayList<>();
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            calls.addAll(Expressions.collect(item, AggregateExpression.class));
        }
        for (AggregateExpression call : calls) {
            found.addAll(collect(List.of(call)));
        }
        List<Expression> all = new ArrayList<Expression>(aggregate.aggregateExpressions());
        all.addAll(aggregate.groupingExpressions());
        if (found.isEmpty() || found.size() != collect(all).size()) {
            return aggregate;
        }
        Rewritten rewritten = rewrite(aggregate.child(), found);
        List<NamedExpression> list = new ArrayList<>();
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            list.add((NamedExpression) rewritten.replace(item));
        }
        return new Aggregate(aggregate.groupingExpressions(), list, rewritten.plan());
    }

    /**
     * The IN subqueries and correlated EXISTS of a filter's condition that are not reached through AND and OR alone:
     * those that are become semi and anti joins, or marker joins, by the rules before this one (in this pass or the
     * next, when the filter came out of a subquery just now).
     */
    private static void collectNested(Expression condition, List<SubqueryExpression> found) {
        collectNested(condition, false, found);
    }

    private static void collectNested(Expression condition, boolean underOr, List<SubqueryExpression> found) {
        if (condition instanceof And and) {
            collectNested(and.left(), underOr, found);
            collectNested(and.right(), underOr, found);
        } else if (condition instanceof Or or) {
            collectNested(or.left(), true, found);
            collectNested(or.right(), true, found);
        } else if (condition instanceof SubqueryExpression) {
            return;
        } else if (!underOr && condition instanceof Not not && not.child() instanceof SubqueryExpression) {
            // NOT IN and NOT EXISTS conjuncts are anti joins.
            return;
        } else {
            found.addAll(collect(List.of(condition)));
        }
    }

    /** The IN subqueries and correlated EXISTS in {@code expressions}, outermost first. */
    private static List<SubqueryExpression> collect(List<Expression> expressions) {
        List<SubqueryExpression> found = new ArrayList<>();
        for (Expression expression : expressions) {
            for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
                boolean wanted = subquery instanceof InSubquery
                        || (subquery instanceof Exists && Subqueries.correlated(subquery.plan()));
                if (wanted) {
                    found.add(subquery);
                }
            }
        }
        return found;
    }

    private record Rewritten(LogicalPlan plan, Map<SubqueryExpression, Expression> values) {
        Expression replace(Expression expression) {
            return Expressions.transformDown(expression, e -> {
                Expression value = e instanceof SubqueryExpression s ? values.get(s) : null;
                return value != null ? value : e;
            });
        }
    }

    private static Rewritten rewrite(LogicalPlan input, List<SubqueryExpression> found) {
        LogicalPlan current = input;
        Map<SubqueryExpression, Expression> values = new IdentityHashMap<>();
        for (SubqueryExpression subquery : found) {
            if (subquery instanceof InSubquery in) {
                SubqueryJoins.InValue joined = SubqueryJoins.inValue(current, in, CONSTRUCT);
                current = joined.plan();
                values.put(subquery, joined.value());
            } else {
                SubqueryJoins.Joined joined = SubqueryJoins.matched(current, subquery, CONSTRUCT);
                current = joined.plan();
                values.put(subquery, new IsNotNull(joined.marker()));
            }
        }
        return new Rewritten(current, values);
    }
}
