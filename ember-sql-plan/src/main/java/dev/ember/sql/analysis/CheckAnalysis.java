package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.Suggestions;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.NullType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks after analysis, each failing with what the user wrote wrong: names that found nothing (with the closest
 * names there are), lambdas that return the wrong type, conditions that are not boolean, aggregates where they cannot be, columns of an aggregation that
 * are neither grouped nor aggregated, and sorts on types that have no order.
 */
final class CheckAnalysis {
    private CheckAnalysis() {}

    static void check(LogicalPlan plan) {
        for (LogicalPlan child : plan.children()) {
            check(child);
        }
        for (Expression expression : plan.expressions()) {
            CheckSubqueries.check(expression);
            for (UnresolvedAttribute attribute : Expressions.collect(expression, UnresolvedAttribute.class)) {
                List<String> candidates = new ArrayList<>();
                for (Attribute column : plan.children().isEmpty() ? List.<Attribute>of() : plan.inputSet()) {
                    candidates.add(NameResolution.qualifiedName(column));
                }
                throw new EmberException(
                        ErrorClass.UNRESOLVED_COLUMN,
                        "A column or function parameter with name " + attribute.sql() + " cannot be resolved"
                                + (candidates.isEmpty()
                                        ? ""
                                        : Suggestions.didYouMean(attribute.name(), candidates)
                                                        .isEmpty()
                                                ? "; the columns here are " + candidates
                                                : Suggestions.didYouMean(attribute.name(), candidates)));
            }
        }
        for (Expression expression : plan.expressions()) {
            for (dev.ember.sql.expressions.MultiAlias names :
                    Expressions.collect(expression, dev.ember.sql.expressions.MultiAlias.class)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "An alias list such as AS (a, b) names the columns of a generator (explode, posexplode,"
                                + " inline, stack), but " + names.child().sql() + " is not one");
            }
        }
        if (!plan.resolved()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL, "The query could not be resolved at:\n" + PlanText.tree(plan));
        }
        for (Expression expression : plan.expressions()) {
            // A higher-order function checks what its lambdas return once they are resolved, when asked its type.
            if (Expressions.anyMatch(
                    expression, node -> node.children().stream().anyMatch(child -> child instanceof LambdaFunction))) {
                for (Expression node : Expressions.collect(expression, Expression.class)) {
                    if (node.children().stream().anyMatch(child -> child instanceof LambdaFunction)) {
                        node.dataType();
                    }
                }
            }
        }
        if (plan instanceof Filter filter) {
            requireBoolean(filter.condition(), "WHERE or HAVING");
            forbidAggregates(filter.condition(), "WHERE");
        }
        if (plan instanceof Join join && join.condition() != null) {
            requireBoolean(join.condition(), "join");
            forbidAggregates(join.condition(), "a join condition");
        }
        if (plan instanceof Sort sort) {
            sort.order().forEach(key -> {
                if (!key.child().dataType().isOrderable()) {
                    throw new EmberException(
                            ErrorClass.DATATYPE_MISMATCH,
                            "Cannot sort by " + key.child().sql() + ": values of "
                                    + key.child().dataType().sql() + " have no order");
                }
            });
        }
        if (plan instanceof Aggregate aggregate) {
            checkAggregate(aggregate);
        }
        CheckAnalytics.check(plan);
        if (!(plan instanceof Aggregate) && !(plan instanceof dev.ember.sql.plans.logical.Window)) {
            for (Expression expression : plan.expressions()) {
                forbidAggregates(expression, "this clause");
            }
        }
        checkReferences(plan);
    }

    private static void requireBoolean(Expression condition, String clause) {
        if (!(condition.dataType() instanceof BooleanType) && !(condition.dataType() instanceof NullType)) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The " + clause + " condition " + condition.sql() + " must be BOOLEAN, but it is "
                            + condition.dataType().sql());
        }
    }

    private static void forbidAggregates(Expression expression, String clause) {
        for (AggregateExpression aggregate : Expressions.collect(expression, AggregateExpression.class)) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The aggregate " + aggregate.sql() + " cannot be used in " + clause
                            + "; aggregates belong in the select list, HAVING or ORDER BY of a grouped query");
        }
    }

    private static void checkAggregate(Aggregate aggregate) {
        for (Expression grouping : aggregate.groupingExpressions()) {
            if (Expressions.anyMatch(grouping, AggregateExpression.class::isInstance)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL, "GROUP BY cannot contain the aggregate " + grouping.sql());
            }
        }
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            checkGrouped(item, aggregate);
        }
    }

    /** Every column read outside an aggregate must be a grouping expression (or inside one). */
    private static void checkGrouped(Expression expression, Aggregate aggregate) {
        if (expression instanceof AggregateExpression aggregateExpression) {
            for (Expression argument : aggregateExpression.function().children()) {
                if (Expressions.anyMatch(argument, AggregateExpression.class::isInstance)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "An aggregate cannot contain another aggregate: " + aggregateExpression.sql());
                }
            }
            return;
        }
        for (Expression grouping : aggregate.groupingExpressions()) {
            if (grouping.equals(expression)) {
                return;
            }
        }
        if (expression instanceof Attribute attribute) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The column " + NameResolution.qualifiedName(attribute) + " is neither in the GROUP BY nor inside"
                            + " an aggregate function; add it to the GROUP BY, or use an aggregate such as first("
                            + attribute.name() + ")");
        }
        for (Expression child : expression.children()) {
            checkGrouped(child, aggregate);
        }
    }

    /** Each attribute a node reads must come from its children's output. */
    private static void checkReferences(LogicalPlan plan) {
        if (plan.children().isEmpty()) {
            return;
        }
        Set<dev.ember.sql.expressions.ExprId> available = new HashSet<>();
        for (Attribute attribute : plan.inputSet()) {
            available.add(attribute.exprId());
        }
        for (Expression expression : plan.expressions()) {
            for (Attribute attribute : Expressions.references(expression)) {
                if (!available.contains(attribute.exprId())) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The column " + NameResolution.qualifiedName(attribute) + " is not available in "
                                    + plan.simpleString() + "; its input has "
                                    + plan.inputSet().stream()
                                            .map(NameResolution::qualifiedName)
                                            .toList());
                }
            }
        }
    }
}
