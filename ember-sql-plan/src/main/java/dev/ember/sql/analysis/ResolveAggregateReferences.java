package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code HAVING} and {@code ORDER BY} over an aggregation may use what the select list does not show: aggregates
 * ({@code HAVING sum(b) > 10}, {@code ORDER BY count(*)}) and grouping columns. They are computed by the aggregation
 * as extra columns, used above it, and projected away:
 *
 * <pre>
 *   Filter (sum(b) > 10)               Project [a, s]
 *   +- Aggregate [a], [a, sum(b) AS s]  ==>  +- Filter (h > 10)
 *                                           +- Aggregate [a], [a, sum(b) AS s, sum(b) AS h]
 * </pre>
 *
 * An aggregate the select list computes already is reused rather than computed twice.
 */
final class ResolveAggregateReferences implements dev.ember.sql.rules.Rule {
    private final ResolveFunctions functions;

    ResolveAggregateReferences(ResolveFunctions functions) {
        this.functions = requireNonNull(functions, "functions is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Filter filter
                    && filter.child() instanceof Aggregate aggregate
                    && aggregate.resolved()
                    && needsRewrite(filter.condition())) {
                Rewrite rewrite = new Rewrite(aggregate);
                Expression condition = rewrite.expression(filter.condition());
                return new Project(
                        new ArrayList<NamedExpression>(aggregate.output()), new Filter(condition, rewrite.aggregate()));
            }
            if (node instanceof Sort sort
                    && sort.child() instanceof Aggregate aggregate
                    && aggregate.resolved()
                    && sort.order().stream().anyMatch(ResolveAggregateReferences::needsRewrite)) {
                Rewrite rewrite = new Rewrite(aggregate);
                List<SortOrder> order = new ArrayList<>();
                for (SortOrder key : sort.order()) {
                    order.add((SortOrder) rewrite.expression(key));
                }
                return new Project(
                        new ArrayList<NamedExpression>(aggregate.output()),
                        new Sort(order, sort.global(), rewrite.aggregate()));
            }
            return node;
        });
    }

    private static boolean needsRewrite(Expression expression) {
        return Expressions.anyMatch(
                expression,
                node -> node instanceof UnresolvedAttribute
                        || node instanceof UnresolvedFunction
                        || node instanceof AggregateExpression);
    }

    /** The aggregation growing the extra columns the expressions above it need. */
    private final class Rewrite {
        private final Aggregate original;
        private final List<NamedExpression> select;

        Rewrite(Aggregate original) {
            this.original = original;
            this.select = new ArrayList<>(original.aggregateExpressions());
        }

        Expression expression(Expression expression) {
            List<Attribute> output = original.output();
            List<Attribute> input = original.child().output();
            // Names: the select list's columns first (HAVING cnt > 1), then the input's.
            Expression resolved = Expressions.transformUp(expression, node -> {
                if (node instanceof UnresolvedAttribute attribute) {
                    return NameResolution.resolve(attribute.nameParts(), output)
                            .or(() -> NameResolution.resolve(attribute.nameParts(), input))
                            .orElse(attribute);
                }
                return node;
            });
            resolved = functions.resolve(resolved);
            return Expressions.transformDown(resolved, this::replace);
        }

        private Expression replace(Expression node) {
            if (node instanceof AggregateExpression aggregate) {
                return columnFor(aggregate);
            }
            for (Expression grouping : original.groupingExpressions()) {
                if (!(node instanceof Attribute) && grouping.equals(node)) {
                    return columnFor(node);
                }
            }
            if (node instanceof Attribute attribute) {
                Set<Attribute> visible = Set.copyOf(original.output());
                if (visible.contains(attribute)) {
                    return attribute;
                }
                for (Expression grouping : original.groupingExpressions()) {
                    if (grouping.equals(attribute)) {
                        return columnFor(attribute);
                    }
                }
                if (original.child().output().contains(attribute)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The column " + NameResolution.qualifiedName(attribute) + " is neither in the GROUP BY"
                                    + " nor inside an aggregate function; add it to the GROUP BY, or use an aggregate"
                                    + " such as first(" + attribute.name() + ")");
                }
            }
            return node;
        }

        /** The column of the aggregation that computes {@code expression}, added if there is none yet. */
        private Attribute columnFor(Expression expression) {
            for (NamedExpression item : select) {
                if (item instanceof Alias alias && sameComputation(alias.child(), expression)) {
                    return alias.toAttribute();
                }
                if (item instanceof Attribute attribute && attribute.equals(expression)) {
                    return attribute;
                }
            }
            Alias added = Alias.of(expression, Expressions.autoName(expression));
            select.add(added);
            return added.toAttribute();
        }

        private boolean sameComputation(Expression a, Expression b) {
            if (a instanceof AggregateExpression x && b instanceof AggregateExpression y) {
                return x.function().equals(y.function())
                        && x.distinct() == y.distinct()
                        && java.util.Objects.equals(x.filter(), y.filter());
            }
            return a.equals(b);
        }

        Aggregate aggregate() {
            return new Aggregate(original.groupingExpressions(), select, original.child());
        }
    }
}
