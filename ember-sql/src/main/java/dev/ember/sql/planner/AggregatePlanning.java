package dev.ember.sql.planner;

import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.HashAggregateExec;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical plan of an aggregation. The select list is split into the grouping keys (each given a column), the
 * distinct aggregate calls (each given a result column), and result expressions over those columns:
 *
 * <pre>
 *   SELECT a + 1, sum(b) * 2 GROUP BY a + 1
 *   keys: (a + 1) AS k          aggregates: sum(b) AS s          results: k AS (a + 1), s * 2 AS (sum(b) * 2)
 *
 *   HashAggregate(final, keys=[k], results=...)        (without DISTINCT)
 *   +- Exchange hashpartitioning(k)                    (inserted by EnsureRequirements)
 *      +- HashAggregate(partial, keys=[a + 1 AS k], functions=[sum(b)])
 * </pre>
 *
 * DISTINCT aggregates over one argument list (and nothing else) deduplicate first ({@link #distinctInSteps}); other
 * mixes with a DISTINCT aggregate exchange the rows first and aggregate them once ({@code COMPLETE}).
 */
final class AggregatePlanning {
    private AggregatePlanning() {}

    static PhysicalPlan plan(Aggregate aggregate, PhysicalPlan child) {
        // A key named in the grouping list (groupBy(expr.as("k"))) groups by its expression; the select list's own
        // alias names the output.
        List<Expression> grouping = new ArrayList<>();
        for (Expression expression : aggregate.groupingExpressions()) {
            grouping.add(expression instanceof Alias alias ? alias.child() : expression);
        }
        List<Attribute> groupingAttributes = new ArrayList<>();
        List<Expression> groupingComputed = new ArrayList<>();
        for (int k = 0; k < grouping.size(); k++) {
            Expression expression = grouping.get(k);
            if (expression instanceof Attribute attribute) {
                groupingAttributes.add(attribute);
                groupingComputed.add(attribute);
            } else {
                Expression written = aggregate.groupingExpressions().get(k);
                Alias alias = Alias.of(
                        expression, written instanceof Alias named ? named.name() : Expressions.autoName(expression));
                groupingAttributes.add(alias.toAttribute());
                groupingComputed.add(expression);
            }
        }
        Map<AggregateExpression, Attribute> results = new LinkedHashMap<>();
        List<NamedExpression> resultExpressions = new ArrayList<>();
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            Expression rewritten = Expressions.transformDown(item, node -> {
                if (node instanceof AggregateExpression call) {
                    AggregateExpression key = canonical(call, results);
                    return results.computeIfAbsent(
                            key, ignored -> AttributeReference.create(call.sql(), call.dataType(), call.nullable()));
                }
                for (int i = 0; i < grouping.size(); i++) {
                    if (!(node instanceof Attribute) && grouping.get(i).equals(node)) {
                        return groupingAttributes.get(i);
                    }
                }
                return node;
            });
            resultExpressions.add((NamedExpression) rewritten);
        }
        List<AggregateExpression> calls = new ArrayList<>(results.keySet());
        List<Attribute> resultAttributes = new ArrayList<>(results.values());
        boolean distinct = calls.stream().anyMatch(AggregateExpression::distinct);
        if (distinct && onlyDistinctOverOneArgumentList(calls)) {
            return distinctInSteps(
                    groupingComputed, groupingAttributes, calls, resultAttributes, resultExpressions, child);
        }
        if (distinct) {
            return new HashAggregateExec(
                    HashAggregateExec.Mode.COMPLETE,
                    groupingComputed,
                    groupingAttributes,
                    calls,
                    List.of(),
                    resultAttributes,
                    resultExpressions,
                    child);
        }
        List<Attribute> bufferAttributes = new ArrayList<>();
        for (AggregateExpression call : calls) {
            int slot = 0;
            for (DataType type : call.function().bufferTypes()) {
                bufferAttributes.add(AttributeReference.create(call.sql() + ".buffer" + slot++, type, true));
            }
        }
        HashAggregateExec partial = new HashAggregateExec(
                HashAggregateExec.Mode.PARTIAL,
                groupingComputed,
                groupingAttributes,
                calls,
                bufferAttributes,
                resultAttributes,
                List.of(),
                child);
        return new HashAggregateExec(
                HashAggregateExec.Mode.FINAL,
                new ArrayList<Expression>(groupingAttributes),
                groupingAttributes,
                calls,
                bufferAttributes,
                resultAttributes,
                resultExpressions,
                partial);
    }

    /**
     * Whether every call is DISTINCT, without FILTER, over the same arguments ({@code count(DISTINCT x), sum(DISTINCT
     * x)}): such an aggregation can deduplicate its rows with plain aggregations first.
     */
    private static boolean onlyDistinctOverOneArgumentList(List<AggregateExpression> calls) {
        List<Expression> arguments = calls.get(0).function().children();
        for (AggregateExpression call : calls) {
            if (!call.distinct()
                    || call.filter() != null
                    || !call.function().children().equals(arguments)) {
                return false;
            }
        }
        return !arguments.isEmpty();
    }

    /**
     * DISTINCT aggregates over one argument list, in four steps that hold no group's values whole (as Spark plans
     * them): the distinct (keys, arguments) of each task, exchanged by both and made distinct over all tasks; then the
     * aggregates, no longer DISTINCT, in two phases by the keys.
     *
     * <pre>
     *   HashAggregate(final, keys=[k], functions=[count(x)])
     *   +- Exchange hashpartitioning(k)
     *      +- HashAggregate(partial, keys=[k], functions=[count(x)])
     *         +- HashAggregate(final, keys=[k, x])
     *            +- Exchange hashpartitioning(k, x)
     *               +- HashAggregate(partial, keys=[k, x])
     * </pre>
     */
    private static PhysicalPlan distinctInSteps(
            List<Expression> groupingComputed,
            List<Attribute> groupingAttributes,
            List<AggregateExpression> calls,
            List<Attribute> resultAttributes,
            List<NamedExpression> resultExpressions,
            PhysicalPlan child) {
        List<Expression> arguments = calls.get(0).function().children();
        List<Expression> pairComputed = new ArrayList<>(groupingComputed);
        List<Attribute> pairAttributes = new ArrayList<>(groupingAttributes);
        List<Attribute> argumentAttributes = new ArrayList<>();
        for (Expression argument : arguments) {
            Attribute column = argument instanceof Attribute attribute && !pairAttributes.contains(attribute)
                    ? attribute
                    : Alias.of(argument, Expressions.autoName(argument)).toAttribute();
            pairComputed.add(argument);
            pairAttributes.add(column);
            argumentAttributes.add(column);
        }
        HashAggregateExec pairsOfTask = new HashAggregateExec(
                HashAggregateExec.Mode.PARTIAL,
                pairComputed,
                pairAttributes,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                child);
        HashAggregateExec pairs = new HashAggregateExec(
                HashAggregateExec.Mode.FINAL,
                new ArrayList<Expression>(pairAttributes),
                pairAttributes,
                List.of(),
                List.of(),
                List.of(),
                new ArrayList<NamedExpression>(pairAttributes),
                pairsOfTask);
        List<AggregateExpression> plain = new ArrayList<>();
        for (AggregateExpression call : calls) {
            AggregateFunction function =
                    (AggregateFunction) call.function().withChildren(new ArrayList<Expression>(argumentAttributes));
            plain.add(new AggregateExpression(function, false, null, call.resultId()));
        }
        List<Attribute> bufferAttributes = new ArrayList<>();
        for (AggregateExpression call : plain) {
            int slot = 0;
            for (DataType type : call.function().bufferTypes()) {
                bufferAttributes.add(AttributeReference.create(call.sql() + ".buffer" + slot++, type, true));
            }
        }
        HashAggregateExec partial = new HashAggregateExec(
                HashAggregateExec.Mode.PARTIAL,
                new ArrayList<Expression>(groupingAttributes),
                groupingAttributes,
                plain,
                bufferAttributes,
                resultAttributes,
                List.of(),
                pairs);
        return new HashAggregateExec(
                HashAggregateExec.Mode.FINAL,
                new ArrayList<Expression>(groupingAttributes),
                groupingAttributes,
                plain,
                bufferAttributes,
                resultAttributes,
                resultExpressions,
                partial);
    }

    /** The same call seen before (by function, DISTINCT and FILTER, whatever its result id), or this one. */
    private static AggregateExpression canonical(AggregateExpression call, Map<AggregateExpression, Attribute> seen) {
        for (AggregateExpression known : seen.keySet()) {
            if (known.function().equals(call.function())
                    && known.distinct() == call.distinct()
                    && java.util.Objects.equals(known.filter(), call.filter())) {
                return known;
            }
        }
        return call;
    }
}
