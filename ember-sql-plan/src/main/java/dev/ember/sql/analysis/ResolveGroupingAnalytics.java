package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.GroupingFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Expand;
import dev.ember.sql.plans.logical.GroupingSets;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands ROLLUP, CUBE and GROUPING SETS ({@link GroupingSets}) into an aggregation over an {@link Expand} that
 * repeats each input row once per set, with the grouping keys the set leaves out null and a grouping id:
 *
 * <pre>
 *   GroupingSets [(a, b), (a), ()], [a, b], [a, b, sum(c)]
 *   ==>
 *   Aggregate [a', b', gid], [a', b', sum(c)]
 *   +- Expand [[c, a, b, 0], [c, a, null, 1], [c, null, null, 3]], [c, a', b', gid]
 * </pre>
 *
 * The id has a bit per grouping key, the first key the most significant, set when the key is aggregated away (Spark's
 * order); {@code grouping(k)} and {@code grouping_id(...)} are computed from it, so a null key of the data and a key
 * rolled up tell apart. Aggregate functions read the input columns as they are, passed through the expansion.
 */
final class ResolveGroupingAnalytics implements dev.ember.sql.rules.Rule {
    static final String GROUPING_ID_NAME = "spark_grouping_id";

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan hoisted = Plans.transformDown(plan, node -> {
            if (node instanceof dev.ember.sql.plans.logical.Filter filter
                    && filter.child() instanceof GroupingSets sets
                    && ready(sets)
                    && Expressions.anyMatch(filter.condition(), ResolveGroupingAnalytics::isGroupingCall)) {
                return hoistHaving(filter, sets);
            }
            return node;
        });
        return Plans.transformUp(hoisted, node -> {
            if (node instanceof GroupingSets sets && ready(sets)) {
                return expand(sets);
            }
            return node;
        });
    }

    /**
     * {@code HAVING grouping(k) = 1} over grouping sets: the grouping functions of the condition become extra columns
     * of the aggregation (where the grouping id is known), the condition reads them, and a projection drops them.
     */
    private static boolean isGroupingCall(Expression expression) {
        if (expression instanceof GroupingFunction) {
            return true;
        }
        return expression instanceof UnresolvedFunction call
                && (Identifiers.normalize(call.name()).equals("grouping")
                        || Identifiers.normalize(call.name()).equals("grouping_id"));
    }

    private static LogicalPlan hoistHaving(dev.ember.sql.plans.logical.Filter filter, GroupingSets sets) {
        List<NamedExpression> aggregations = new ArrayList<>();
        for (NamedExpression item : sets.aggregations()) {
            NamedExpression named = item instanceof UnresolvedAlias unnamed
                    ? (unnamed.child() instanceof NamedExpression inner
                            ? inner
                            : Alias.of(unnamed.child(), Expressions.autoName(unnamed.child())))
                    : item;
            // A grouping column gets a new identity in the expansion; an alias keeps the one the projection reads.
            if (named instanceof Attribute attribute) {
                named = new Alias(attribute, attribute.name(), ExprId.next(), attribute.qualifier());
            }
            aggregations.add(named);
        }
        List<NamedExpression> visible = new ArrayList<>();
        for (NamedExpression item : aggregations) {
            visible.add(item.toAttribute());
        }
        List<Attribute> input = sets.child().output();
        Expression condition = Expressions.transformDown(filter.condition(), node -> {
            if (!isGroupingCall(node)) {
                return node;
            }
            // The call's arguments are the input's columns; the call itself is resolved with the aggregation's.
            Expression call = Expressions.mapChildren(
                    node,
                    argument -> argument instanceof UnresolvedAttribute name
                            ? NameResolution.resolve(name.nameParts(), input)
                                    .map(found -> (Expression) found)
                                    .orElse(name)
                            : argument);
            boolean id = node instanceof GroupingFunction function
                    ? function.id()
                    : Identifiers.normalize(((UnresolvedFunction) node).name()).equals("grouping_id");
            Alias column = Alias.of(call, Expressions.autoName(call));
            aggregations.add(column);
            return new AttributeReference(
                    column.name(), id ? DataTypes.LongType : DataTypes.ByteType, false, column.exprId(), List.of());
        });
        GroupingSets widened = new GroupingSets(sets.sets(), sets.groupByExpressions(), aggregations, sets.child());
        return new dev.ember.sql.plans.logical.Project(
                visible, new dev.ember.sql.plans.logical.Filter(condition, widened));
    }

    private static boolean ready(GroupingSets sets) {
        if (!sets.child().resolved()) {
            return false;
        }
        for (Expression key : sets.groupByExpressions()) {
            if (!key.resolved()) {
                return false;
            }
        }
        for (NamedExpression item : sets.aggregations()) {
            Expression inner = item instanceof UnresolvedAlias unnamed ? unnamed.child() : item;
            if (!inner.resolved()) {
                return false;
            }
        }
        return true;
    }

    private static LogicalPlan expand(GroupingSets sets) {
        List<Expression> keys = sets.groupByExpressions();
        int n = keys.size();
        if (n > 63) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL, "Grouping sets over more than 63 grouping expressions are not supported");
        }
        List<Attribute> keyColumns = new ArrayList<>();
        for (Expression key : keys) {
            if (key instanceof Attribute attribute) {
                keyColumns.add(new AttributeReference(
                        attribute.name(), attribute.dataType(), true, ExprId.next(), attribute.qualifier()));
            } else {
                keyColumns.add(AttributeReference.create(Expressions.autoName(key), key.dataType(), true));
            }
        }
        Attribute groupingId = AttributeReference.create(GROUPING_ID_NAME, DataTypes.LongType, false);
        List<NamedExpression> aggregations = new ArrayList<>();
        for (NamedExpression item : sets.aggregations()) {
            NamedExpression named = item;
            if (item instanceof UnresolvedAlias unnamed) {
                named = unnamed.child() instanceof NamedExpression inner
                        ? inner
                        : Alias.of(unnamed.child(), Expressions.autoName(unnamed.child()));
            }
            aggregations.add((NamedExpression) rewrite(named, keys, keyColumns, groupingId));
        }
        // The input columns the aggregation still reads (aggregate arguments) pass through the expansion.
        Set<ExprId> read = new HashSet<>();
        for (Attribute attribute : Expressions.references(aggregations)) {
            read.add(attribute.exprId());
        }
        List<Attribute> passThrough = new ArrayList<>();
        for (Attribute attribute : sets.child().output()) {
            if (read.contains(attribute.exprId())) {
                passThrough.add(attribute);
            }
        }
        List<List<Expression>> projections = new ArrayList<>();
        for (List<Expression> set : sets.sets()) {
            List<Expression> projection = new ArrayList<>(passThrough);
            long id = 0;
            for (int i = 0; i < n; i++) {
                Expression key = keys.get(i);
                if (set.contains(key)) {
                    projection.add(key);
                } else {
                    projection.add(Literal.nullOf(key.dataType()));
                    id |= 1L << (n - 1 - i);
                }
            }
            projection.add(Literal.of(id));
            projections.add(projection);
        }
        List<Attribute> expandOutput = new ArrayList<>(passThrough);
        expandOutput.addAll(keyColumns);
        expandOutput.add(groupingId);
        List<Expression> grouping = new ArrayList<>(keyColumns);
        grouping.add(groupingId);
        return new Aggregate(grouping, aggregations, new Expand(projections, expandOutput, sets.child()));
    }

    /** The select item over the expanded columns: keys outside aggregates, and the grouping functions. */
    private static Expression rewrite(
            Expression expression, List<Expression> keys, List<Attribute> keyColumns, Attribute groupingId) {
        if (expression instanceof AggregateExpression) {
            return expression;
        }
        if (expression instanceof GroupingFunction function) {
            return groupingValue(function, keys, groupingId);
        }
        if (!(expression instanceof Literal) && !(expression instanceof Alias)) {
            int index = keys.indexOf(expression);
            if (index >= 0) {
                return keyColumns.get(index);
            }
        }
        return Expressions.mapChildren(expression, child -> rewrite(child, keys, keyColumns, groupingId));
    }

    private static Expression groupingValue(GroupingFunction function, List<Expression> keys, Attribute groupingId) {
        int n = keys.size();
        if (function.id() && function.arguments().isEmpty()) {
            return groupingId;
        }
        int[] shifts = new int[function.arguments().size()];
        for (int j = 0; j < shifts.length; j++) {
            Expression argument = function.arguments().get(j);
            int index = keys.indexOf(argument);
            if (index < 0) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The argument " + argument.sql() + " of " + function.sql()
                                + " is not one of the grouping expressions " + PlanTexts.list(keys));
            }
            shifts[j] = n - 1 - index;
        }
        // The shifts are arguments, so that grouping(a) and grouping(b) are different expressions.
        List<Expression> arguments = new ArrayList<>();
        arguments.add(groupingId);
        for (int shift : shifts) {
            arguments.add(Literal.of(shift));
        }
        if (!function.id()) {
            ScalarKernel kernel = values -> (byte) ((((Long) values[0]) >>> (Integer) values[1]) & 1L);
            return new ScalarFunction("grouping", arguments, DataTypes.ByteType, true, false, true, kernel);
        }
        ScalarKernel kernel = values -> {
            long id = (Long) values[0];
            long result = 0;
            for (int j = 1; j < values.length; j++) {
                result = (result << 1) | ((id >>> (Integer) values[j]) & 1L);
            }
            return result;
        };
        return new ScalarFunction("grouping_id", arguments, DataTypes.LongType, true, false, true, kernel);
    }

    /** Lists expressions as SQL text. */
    private static final class PlanTexts {
        static String list(List<Expression> expressions) {
            List<String> texts = new ArrayList<>();
            for (Expression expression : expressions) {
                texts.add(expression.sql());
            }
            return "(" + String.join(", ", texts) + ")";
        }
    }
}
