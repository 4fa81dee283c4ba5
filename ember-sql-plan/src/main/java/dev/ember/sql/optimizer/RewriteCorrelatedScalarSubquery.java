package dev.ember.sql.optimizer;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.OuterReference;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.expressions.aggregate.FirstLast;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A correlated scalar subquery ({@code x < (SELECT 0.2 * avg(y) FROM u WHERE u.k = t.k)}, TPC-H Q2, Q17, Q20), in a
 * filter (WHERE, HAVING) or a select list (one that does not aggregate is made to, as {@link #singleRow} says), becomes an aggregation grouped by the subquery's side of
 * the correlation equalities, left outer joined with the enclosing input on them; the subquery's value is then a column
 * of the join. Each outer row meets at most one group, so the join keeps the outer rows as they were.
 *
 * <pre>
 *   Filter (t.x < scalar-subquery[                 Project [t.k, t.x]
 *       Aggregate [], [(0.2 * avg(u.y)) AS v]       +- Filter (t.x < v)
 *       +- Filter (u.k = outer(t.k))                  +- Join LeftOuter, (t.k = u.k)
 *          +- Relation u])                   ==>         :- Relation t
 *   +- Relation t                                        +- Aggregate [u.k], [(0.2 * avg(u.y)) AS v, u.k]
 *                                                           +- Relation u
 * </pre>
 *
 * <p>The count bug: an outer row without a matching group gets null from the join, but the subquery over no rows may
 * have a value ({@code count(*)} is 0, {@code coalesce(sum(y), 0)} is 0). That value is computed here by evaluating the
 * result with each aggregate at its value for no rows; when it is not null the aggregation also outputs a
 * {@code true} flag, and the subquery becomes {@code CASE WHEN flag IS NULL THEN <value for no rows> ELSE v END}.
 *
 * <p>Correlated by other predicates than such equalities ({@code (SELECT count(*) FROM u WHERE u.k < t.x)}), the
 * subquery is computed per distinct value of the outer columns it reads: those values (with columns of their own) are
 * inner joined with the subquery's input on the correlation, aggregated by them, and left outer joined back by them,
 * nulls matching nulls.
 *
 * <p>The correlation must sit below the aggregation, and the subquery may have no GROUP BY; anything else is reported
 * as unsupported.
 */
public final class RewriteCorrelatedScalarSubquery implements Rule {
    private static final String CONSTRUCT = "scalar subquery";

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Filter) && !(node instanceof Project)) {
                return node;
            }
            List<ScalarSubquery> subqueries = new ArrayList<>();
            for (Expression expression : node.expressions()) {
                for (ScalarSubquery subquery : Expressions.collect(expression, ScalarSubquery.class)) {
                    if (Subqueries.correlated(subquery.plan()) && !subqueries.contains(subquery)) {
                        subqueries.add(subquery);
                    }
                }
            }
            if (subqueries.isEmpty()) {
                return node;
            }
            LogicalPlan child = node.children().get(0);
            List<Expression> replacements = new ArrayList<>();
            for (ScalarSubquery subquery : subqueries) {
                Rewritten rewritten = rewrite(child, subquery);
                child = rewritten.plan();
                replacements.add(rewritten.value());
            }
            LogicalPlan replaced = Plans.transformExpressions(node, e -> {
                int index = e instanceof ScalarSubquery ? subqueries.indexOf(e) : -1;
                return index >= 0 ? replacements.get(index) : e;
            });
            if (node instanceof Filter filter) {
                return new Project(
                        new ArrayList<NamedExpression>(filter.child().output()),
                        new Filter(((Filter) replaced).condition(), child));
            }
            return replaced.withChildren(List.of(child));
        });
    }

    private record Rewritten(LogicalPlan plan, Expression value) {}

    private static Rewritten rewrite(LogicalPlan left, ScalarSubquery original) {
        ScalarSubquery subquery = original;
        if (!aggregates(subquery.plan())) {
            subquery = new ScalarSubquery(singleRow(subquery.plan()));
        }
        List<LogicalPlan> wrappers = new ArrayList<>();
        LogicalPlan plan = subquery.plan();
        while (plan instanceof Project || plan instanceof SubqueryAlias) {
            wrappers.add(plan);
            plan = plan.children().get(0);
        }
        Aggregate aggregate = (Aggregate) plan;
        if (!aggregate.groupingExpressions().isEmpty()) {
            throw Subqueries.unsupported(CONSTRUCT, "it has a GROUP BY");
        }
        Set<ExprId> scope = Subqueries.definedIds(subquery.plan());
        for (LogicalPlan wrapper : wrappers) {
            Subqueries.forbidOuterReferences(wrapper, CONSTRUCT, scope);
        }
        Subqueries.forbidOuterReferences(aggregate, CONSTRUCT, scope);
        Subqueries.Pulled pulled = Subqueries.pull(aggregate.child(), CONSTRUCT);
        if (pulled.predicates().isEmpty()) {
            throw Subqueries.unsupported(CONSTRUCT, "its outer columns are not in a predicate of its WHERE");
        }
        Subqueries.requireWithin(pulled.predicates(), left, subquery.plan(), CONSTRUCT);

        Set<ExprId> inner = Subqueries.definedIds(aggregate.child());
        List<Expression> grouping = new ArrayList<>();
        List<Expression> outerKeys = new ArrayList<>();
        LogicalPlan input = pulled.plan();
        boolean equalities = true;
        for (Expression predicate : pulled.predicates()) {
            if (predicate instanceof Comparison comparison && comparison.op() == Comparison.Op.EQUAL) {
                if (Subqueries.within(comparison.left(), inner) && Subqueries.outside(comparison.right(), inner)) {
                    grouping.add(comparison.left());
                    outerKeys.add(comparison.right());
                    continue;
                }
                if (Subqueries.within(comparison.right(), inner) && Subqueries.outside(comparison.left(), inner)) {
                    grouping.add(comparison.right());
                    outerKeys.add(comparison.left());
                    continue;
                }
            }
            equalities = false;
        }
        boolean nullSafe = false;
        if (!equalities) {
            // Correlated by something else than equalities (u.k < t.x): the subquery is computed once per distinct
            // value of the outer columns it reads, joined in by those values (null ones too).
            CorrelationDomain domain = CorrelationDomain.of(left, pulled.predicates(), inner, CONSTRUCT);
            input = domain.joined(pulled.plan());
            grouping = new ArrayList<>(domain.columns());
            outerKeys = new ArrayList<>(domain.outer());
            nullSafe = true;
        }
        List<NamedExpression> added = new ArrayList<>();
        for (int i = 0; i < grouping.size(); i++) {
            Expression key = grouping.get(i);
            added.add(key instanceof Attribute attribute ? attribute : Alias.of(key, "correlation_key_" + i));
        }
        Object emptyValue = valueForNoRows(subquery, wrappers, aggregate);
        Alias flag = emptyValue == null ? null : Alias.of(Literal.TRUE, "subquery_matched");
        if (flag != null) {
            added.add(flag);
        }
        List<NamedExpression> aggregates = new ArrayList<>(aggregate.aggregateExpressions());
        aggregates.addAll(added);
        LogicalPlan rebuilt = new Aggregate(grouping, aggregates, input);
        List<Attribute> addedColumns = new ArrayList<>();
        for (NamedExpression expression : added) {
            addedColumns.add(expression.toAttribute());
        }
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            LogicalPlan wrapper = wrappers.get(i);
            if (wrapper instanceof Project project) {
                List<NamedExpression> list = new ArrayList<>(project.projectList());
                list.addAll(addedColumns);
                rebuilt = new Project(list, rebuilt);
            } else {
                rebuilt = wrapper.withChildren(List.of(rebuilt));
            }
        }
        List<Expression> condition = new ArrayList<>();
        if (nullSafe) {
            List<Expression> inside = new ArrayList<>();
            for (int i = 0; i < outerKeys.size(); i++) {
                inside.add(addedColumns.get(i).withNullability(true));
            }
            condition.add(new Comparison(
                    Comparison.Op.EQUAL,
                    CorrelationDomain.nullSafeKey(outerKeys),
                    CorrelationDomain.nullSafeKey(inside)));
        } else {
            for (int i = 0; i < outerKeys.size(); i++) {
                condition.add(new Comparison(
                        Comparison.Op.EQUAL,
                        outerKeys.get(i),
                        addedColumns.get(i).withNullability(true)));
            }
        }
        Join join = new Join(left, rebuilt, JoinType.LEFT_OUTER, Expressions.and(condition));
        Attribute column = subquery.plan().output().get(0).withNullability(true);
        Expression value = column;
        if (flag != null) {
            value = new CaseWhen(
                    List.of(new IsNull(flag.toAttribute().withNullability(true))),
                    List.of(new Literal(emptyValue, column.dataType())),
                    column);
        }
        return new Rewritten(join, value);
    }

    private static boolean aggregates(LogicalPlan plan) {
        while (plan instanceof Project || plan instanceof SubqueryAlias) {
            plan = plan.children().get(0);
        }
        return plan instanceof Aggregate;
    }

    /**
     * A subquery that does not aggregate ({@code (SELECT dname FROM dept WHERE dept.id = emp.dept)}) as one that does,
     * as Spark 4 runs it: the value of the one row that matches an outer row, null when none does, and an error when
     * several do ({@code first(v)} unless {@code count(*) > 1}).
     */
    private static LogicalPlan singleRow(LogicalPlan plan) {
        Attribute value = plan.output().get(0);
        AggregateExpression first =
                new AggregateExpression(new FirstLast(value, false, false), false, null, ExprId.next());
        AggregateExpression count = new AggregateExpression(new Count(List.of()), false, null, ExprId.next());
        Expression tooMany =
                new ScalarFunction("raise_error", List.of(), value.dataType(), false, true, false, arguments -> {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "More than one row returned by a subquery used as an expression: the scalar subquery"
                                    + " must give at most one row for each outer row; aggregate it (max, first...) or"
                                    + " add conditions that make its rows unique");
                });
        Expression checked = new CaseWhen(
                List.of(new Comparison(Comparison.Op.GREATER_THAN, count, Literal.of(1L))), List.of(tooMany), first);
        return new Aggregate(List.of(), List.of(Alias.of(checked, value.name())), plan);
    }

    /**
     * The subquery's value over no rows: its result with each aggregate replaced by that aggregate's result for an
     * empty group. Null for most aggregates; 0 for {@code count}.
     */
    private static Object valueForNoRows(ScalarSubquery subquery, List<LogicalPlan> wrappers, Aggregate aggregate) {
        Expression value = subquery.plan().output().get(0);
        for (LogicalPlan wrapper : wrappers) {
            if (wrapper instanceof Project project) {
                value = Aliases.substitute(value, Aliases.of(project.projectList()));
            }
        }
        value = Aliases.substitute(value, Aliases.of(aggregate.aggregateExpressions()));
        value = Expressions.transformUp(value, e -> {
            if (e instanceof AggregateExpression call) {
                AggregateFunction function = call.function();
                return new Literal(function.result(function.newBuffer()), function.dataType());
            }
            return e;
        });
        if (Expressions.anyMatch(
                value, e -> e instanceof Attribute || e instanceof OuterReference || e instanceof SubqueryExpression)) {
            throw Subqueries.unsupported(CONSTRUCT, "its result reads a column outside an aggregate");
        }
        try {
            return value.eval(null);
        } catch (RuntimeException e) {
            throw Subqueries.unsupported(
                    CONSTRUCT, "its result cannot be computed for an empty input (" + e.getMessage() + ")");
        }
    }
}
