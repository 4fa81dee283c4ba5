package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.ExprId;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * the subquery is joined to its input, and only the functions' arguments change. A predicate in the select list
     * outside any aggregate, over grouping columns ({@code SELECT k, k IN (...) ... GROUP BY k}), moves with its item
     * into a projection above the aggregation, where the projection's rewrite takes it. One in a grouping key is left
     * for the check to report.
     */
    private static LogicalPlan rewriteAggregate(Aggregate aggregate) {
        if (!collect(aggregate.groupingExpressions()).isEmpty()) {
            return aggregate;
        }
        LogicalPlan split = splitOutside(aggregate);
        if (split != aggregate) {
            return split;
        }
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

    /** The aggregation with the items that read a predicate outside aggregate calls computed in a projection above. */
    private static LogicalPlan splitOutside(Aggregate aggregate) {
        List<NamedExpression> items = aggregate.aggregateExpressions();
        List<NamedExpression> movedItems = new ArrayList<>();
        for (NamedExpression item : items) {
            if (readsOutside(item)) {
                movedItems.add(item);
            }
        }
        if (movedItems.isEmpty()) {
            return aggregate;
        }
        Map<ExprId, Attribute> groupingColumns = new HashMap<>();
        for (Expression key : aggregate.groupingExpressions()) {
            if (key instanceof Attribute attribute) {
                groupingColumns.put(attribute.exprId(), attribute);
            }
        }
        List<NamedExpression> below = new ArrayList<>();
        Set<ExprId> belowIds = new HashSet<>();
        for (NamedExpression item : items) {
            if (!movedItems.contains(item)) {
                below.add(item);
                belowIds.add(item.exprId());
            }
        }
        List<NamedExpression> above = new ArrayList<>();
        int[] count = {0};
        boolean[] ungrouped = {false};
        for (NamedExpression item : items) {
            if (!movedItems.contains(item)) {
                above.add(item.toAttribute());
                continue;
            }
            Expression moved = Expressions.transformDown(item, node -> {
                if (node instanceof AggregateExpression call) {
                    Alias column = Alias.of(call, "_aggregate_" + count[0]++);
                    below.add(column);
                    return column.toAttribute();
                }
                if (node instanceof Attribute attribute) {
                    passUp(attribute.exprId(), groupingColumns, below, belowIds, ungrouped);
                }
                if (node instanceof SubqueryExpression subquery) {
                    // The outer columns a correlated subquery reads must reach the projection too.
                    for (ExprId id : Subqueries.outerIds(subquery.plan())) {
                        passUp(id, groupingColumns, below, belowIds, ungrouped);
                    }
                }
                return node;
            });
            above.add((NamedExpression) moved);
        }
        if (ungrouped[0]) {
            return aggregate;
        }
        return new Project(above, new Aggregate(aggregate.groupingExpressions(), below, aggregate.child()));
    }

    /** Adds a grouping column to the aggregation's output; marks {@code ungrouped} for any other column. */
    private static void passUp(
            ExprId id,
            Map<ExprId, Attribute> groupingColumns,
            List<NamedExpression> below,
            Set<ExprId> belowIds,
            boolean[] ungrouped) {
        if (belowIds.contains(id)) {
            return;
        }
        Attribute column = groupingColumns.get(id);
        if (column == null) {
            ungrouped[0] = true;
            return;
        }
        below.add(column);
        belowIds.add(id);
    }

    /** Whether the item reads an IN or correlated EXISTS outside any aggregate call. */
    private static boolean readsOutside(NamedExpression item) {
        int inside = 0;
        for (AggregateExpression call : Expressions.collect(item, AggregateExpression.class)) {
            inside += collect(List.of(call)).size();
        }
        return collect(List.of(item)).size() > inside;
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
