package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.FirstLast;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Pivot;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StringType;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a {@link Pivot} into two aggregations: the first groups by the grouping columns and the pivot column and
 * computes each aggregate; the second groups by the grouping columns and, for each value (and aggregate), takes the
 * aggregate of the row whose pivot column equals the value ({@code first(a) FILTER (WHERE p <=> v)}), so a
 * combination that has no rows is null, as in Spark:
 *
 * <pre>
 *   Pivot k IN (1, 2), [sum(x) AS s]          Aggregate [g], [g, first(s) FILTER (k <=> 1) AS `1`, ... AS `2`]
 *   +- R(g, k, x)                       ==>    +- Aggregate [g, k], [g, k, sum(x) AS s]
 *                                                 +- R
 * </pre>
 *
 * The values are cast to the pivot column's type. A column is named after its value (or the name given to it), and
 * with several aggregates {@code value_aggregate}.
 */
final class ResolvePivot implements dev.ember.sql.rules.Rule {
    private final String timeZone;

    ResolvePivot(String timeZone) {
        this.timeZone = timeZone;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> node instanceof Pivot pivot && ready(pivot) ? rewrite(pivot) : node);
    }

    private static boolean ready(Pivot pivot) {
        if (!pivot.child().resolved() || !pivot.pivotColumn().resolved()) {
            return false;
        }
        if (pivot.groupBy() != null && !pivot.groupBy().stream().allMatch(Expression::resolved)) {
            return false;
        }
        for (Expression value : pivot.values()) {
            if (!value.resolved()) {
                return false;
            }
        }
        for (NamedExpression aggregate : pivot.aggregates()) {
            // Named (an alias, or a plain column, which the rewrite refuses with a clear message) and resolved.
            if (!aggregate.resolved()) {
                return false;
            }
        }
        return true;
    }

    private LogicalPlan rewrite(Pivot pivot) {
        for (NamedExpression aggregate : pivot.aggregates()) {
            if (!Expressions.anyMatch(aggregate, AggregateExpression.class::isInstance)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "A PIVOT computes aggregates, and " + aggregate.sql() + " is not one; use for example sum("
                                + aggregate.sql() + ")");
            }
        }
        Expression column = pivot.pivotColumn();
        DataType type = column.dataType();
        NamedExpression pivotItem =
                column instanceof Attribute attribute ? attribute : Alias.of(column, Expressions.autoName(column));
        List<NamedExpression> groupBy = pivot.groupBy() != null ? pivot.groupBy() : implicitGroupBy(pivot);
        List<Expression> innerGrouping = new ArrayList<>();
        List<NamedExpression> innerList = new ArrayList<>();
        for (NamedExpression key : groupBy) {
            innerGrouping.add(key instanceof Alias alias ? alias.child() : key);
            innerList.add(key);
        }
        innerGrouping.add(column);
        innerList.add(pivotItem);
        innerList.addAll(pivot.aggregates());
        Aggregate inner = new Aggregate(innerGrouping, innerList, pivot.child());

        List<Expression> outerGrouping = new ArrayList<>();
        List<NamedExpression> outerList = new ArrayList<>();
        for (NamedExpression key : groupBy) {
            outerGrouping.add(key.toAttribute());
            outerList.add(key.toAttribute());
        }
        Attribute pivoted = pivotItem.toAttribute();
        boolean several = pivot.aggregates().size() > 1;
        for (int j = 0; j < pivot.values().size(); j++) {
            Expression value = pivot.values().get(j);
            if (!value.foldable()) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL, "A PIVOT value must be a constant, but " + value.sql() + " is not");
            }
            Object constant = ImplicitCasts.castIfNeeded(value, type, timeZone).eval(InternalRow.EMPTY);
            Literal literal = new Literal(constant, type);
            String valueName =
                    pivot.valueNames().get(j) != null ? pivot.valueNames().get(j) : text(constant, type);
            for (NamedExpression aggregate : pivot.aggregates()) {
                Attribute computed = aggregate.toAttribute();
                AggregateExpression picked = new AggregateExpression(
                        new FirstLast(computed, false, false),
                        false,
                        new Comparison(Comparison.Op.NULL_SAFE_EQUAL, pivoted, literal),
                        ExprId.next());
                outerList.add(Alias.of(picked, several ? valueName + "_" + aggregate.name() : valueName));
            }
        }
        return new Aggregate(outerGrouping, outerList, inner);
    }

    /** The SQL form groups by every input column the aggregates and the pivot column leave alone. */
    private static List<NamedExpression> implicitGroupBy(Pivot pivot) {
        Set<Attribute> used = Expressions.references(pivot.aggregates());
        used.addAll(Expressions.references(pivot.pivotColumn()));
        List<NamedExpression> keys = new ArrayList<>();
        for (Attribute attribute : pivot.child().output()) {
            if (!used.contains(attribute)) {
                keys.add(attribute);
            }
        }
        return keys;
    }

    private static String text(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        return type instanceof StringType ? value.toString() : ValueText.toText(value, type, ZoneOffset.UTC);
    }
}
