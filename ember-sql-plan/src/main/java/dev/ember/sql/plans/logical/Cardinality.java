package dev.ember.sql.plans.logical;

import dev.ember.sql.catalog.TableStatistics;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.Identifiers;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rows a plan produces, estimated from the statistics {@code ANALYZE TABLE} kept, as Spark's cost-based
 * estimation does: a table's row count; a filter's selectivity from its columns' distinct counts, null counts and
 * ranges ({@code k = 5} keeps one distinct value's share, {@code x < 10} the part of [min, max] below 10); an equi-join
 * {@code |L| × |R| / max(distinct(l), distinct(r))} per key; a grouping at most the product of its keys' distinct
 * counts. A predicate it cannot estimate keeps every row (an upper bound). Unknown (null) as soon as a leaf has no
 * row count: then {@link SizeEstimates} falls back to file sizes.
 */
public final class Cardinality {
    private Cardinality() {}

    /** What is known of a column: its distinct values, the share of nulls, and its range if it is a number or date. */
    public record ColumnEstimate(double distinct, double nullFraction, Double min, Double max) {
        ColumnEstimate capped(double rows) {
            return new ColumnEstimate(Math.max(1, Math.min(distinct, rows)), nullFraction, min, max);
        }
    }

    /** A plan's estimated rows, and what is known of its output columns (by id). */
    public record Estimate(double rows, Map<ExprId, ColumnEstimate> columns) {}

    /** The estimated rows of {@code plan}, or -1 if some input has no row count. */
    public static long rows(LogicalPlan plan) {
        Estimate estimate = estimate(plan);
        if (estimate == null || Double.isNaN(estimate.rows())) {
            return -1;
        }
        return (long) Math.ceil(Math.min(estimate.rows(), Long.MAX_VALUE / 2.0));
    }

    public static Estimate estimate(LogicalPlan plan) {
        if (plan instanceof SourceRelation source) {
            return source(source);
        }
        if (plan instanceof Filter filter) {
            Estimate child = estimate(filter.child());
            if (child == null) {
                return null;
            }
            Map<ExprId, ColumnEstimate> columns = new HashMap<>(child.columns());
            double selectivity = selectivity(filter.condition(), columns);
            double rows = Math.max(child.rows() * selectivity, child.rows() > 0 ? 1 : 0);
            return capped(rows, columns);
        }
        if (plan instanceof Project project) {
            Estimate child = estimate(project.child());
            return child == null ? null : new Estimate(child.rows(), projected(project.projectList(), child));
        }
        if (plan instanceof SubqueryAlias alias) {
            return estimate(alias.child());
        }
        if (plan instanceof Limit limit) {
            Estimate child = estimate(limit.child());
            return child == null ? null : capped(Math.min(child.rows(), limit.limit()), child.columns());
        }
        if (plan instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (plan instanceof Join join) {
            return join(join);
        }
        return null;
    }

    private static Estimate source(SourceRelation relation) {
        TableStatistics statistics = relation.source().statistics();
        if (statistics == null || statistics.rowCount() < 0) {
            return null;
        }
        double rows = statistics.rowCount();
        Map<ExprId, ColumnEstimate> columns = new HashMap<>();
        for (Attribute attribute : relation.output()) {
            TableStatistics.ColumnStatistics column = statistics.columns().get(Identifiers.normalize(attribute.name()));
            if (column != null && column.distinctCount() >= 0) {
                columns.put(
                        attribute.exprId(),
                        new ColumnEstimate(
                                Math.max(1, column.distinctCount()),
                                rows <= 0 ? 0 : Math.max(0, column.nullCount()) / rows,
                                bound(column.min(), attribute.dataType()),
                                bound(column.max(), attribute.dataType())));
            }
        }
        return new Estimate(rows, columns);
    }

    /** A kept minimum or maximum as a number, for numbers and dates; null otherwise. */
    private static Double bound(String text, DataType type) {
        if (text == null) {
            return null;
        }
        try {
            if (type.isNumeric()) {
                double value = Double.parseDouble(text);
                // NaN sorts above every number and would make every range estimate NaN: no range then.
                return Double.isFinite(value) ? value : null;
            }
            if (type instanceof DateType) {
                return (double) LocalDate.parse(text).toEpochDay();
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static Estimate capped(double rows, Map<ExprId, ColumnEstimate> columns) {
        Map<ExprId, ColumnEstimate> result = new HashMap<>();
        columns.forEach((id, column) -> result.put(id, column.capped(rows)));
        return new Estimate(rows, result);
    }

    private static Map<ExprId, ColumnEstimate> projected(List<NamedExpression> list, Estimate child) {
        Map<ExprId, ColumnEstimate> columns = new HashMap<>();
        for (NamedExpression expression : list) {
            Expression value = expression instanceof Alias alias ? alias.child() : expression;
            if (value instanceof Attribute attribute && child.columns().containsKey(attribute.exprId())) {
                columns.put(expression.exprId(), child.columns().get(attribute.exprId()));
            }
        }
        return columns;
    }

    /**
     * The share of rows {@code condition} keeps, narrowing the column estimates it pins down ({@code k = 5} leaves one
     * distinct value).
     */
    static double selectivity(Expression condition, Map<ExprId, ColumnEstimate> columns) {
        if (condition instanceof And and) {
            return selectivity(and.left(), columns) * selectivity(and.right(), columns);
        }
        if (condition instanceof Or or) {
            Map<ExprId, ColumnEstimate> ignored = new HashMap<>(columns);
            double left = selectivity(or.left(), ignored);
            double right = selectivity(or.right(), ignored);
            return Math.min(1, left + right - left * right);
        }
        if (condition instanceof Not not) {
            Map<ExprId, ColumnEstimate> ignored = new HashMap<>(columns);
            double inner = selectivity(not.child(), ignored);
            return inner >= 1 ? 1 : 1 - inner;
        }
        if (condition instanceof IsNull isNull && column(isNull.child(), columns) != null) {
            return column(isNull.child(), columns).nullFraction();
        }
        if (condition instanceof IsNotNull isNotNull && column(isNotNull.child(), columns) != null) {
            return 1 - column(isNotNull.child(), columns).nullFraction();
        }
        if (condition instanceof In in && column(in.value(), columns) != null) {
            ColumnEstimate column = column(in.value(), columns);
            return Math.min(1, in.list().size() / column.distinct()) * (1 - column.nullFraction());
        }
        if (condition instanceof Comparison comparison) {
            return comparison(comparison, columns);
        }
        return 1;
    }

    private static double comparison(Comparison comparison, Map<ExprId, ColumnEstimate> columns) {
        Comparison.Op op = comparison.op();
        Expression columnSide = comparison.left();
        Expression valueSide = comparison.right();
        if (!(valueSide instanceof Literal) && comparison.left() instanceof Literal) {
            columnSide = comparison.right();
            valueSide = comparison.left();
            op = flipped(op);
        }
        ColumnEstimate column = column(columnSide, columns);
        if (column == null || !(valueSide instanceof Literal literal) || literal.value() == null) {
            return 1;
        }
        Double value = literal.value() instanceof Number number ? number.doubleValue() : null;
        double notNull = 1 - column.nullFraction();
        boolean inRange = value == null
                || column.min() == null
                || column.max() == null
                || value >= column.min() && value <= column.max();
        switch (op) {
            case EQUAL, NULL_SAFE_EQUAL -> {
                if (!inRange) {
                    return 0;
                }
                ExprId id = attribute(columnSide).exprId();
                columns.put(
                        id,
                        new ColumnEstimate(
                                1, 0, value != null ? value : column.min(), value != null ? value : column.max()));
                return notNull / column.distinct();
            }
            case NOT_EQUAL -> {
                return notNull * (1 - 1 / column.distinct());
            }
            default -> {
                if (value == null || column.min() == null || column.max() == null) {
                    return 1;
                }
                double min = column.min();
                double max = column.max();
                if (max <= min) {
                    boolean keeps =
                            switch (op) {
                                case LESS_THAN -> min < value;
                                case LESS_THAN_OR_EQUAL -> min <= value;
                                case GREATER_THAN -> min > value;
                                default -> min >= value;
                            };
                    return keeps ? notNull : 0;
                }
                double below = Math.max(0, Math.min(1, (value - min) / (max - min)));
                boolean less = op == Comparison.Op.LESS_THAN || op == Comparison.Op.LESS_THAN_OR_EQUAL;
                double share = less ? below : 1 - below;
                ExprId id = attribute(columnSide).exprId();
                columns.put(
                        id,
                        new ColumnEstimate(
                                Math.max(1, column.distinct() * share),
                                0,
                                less ? min : Math.max(min, value),
                                less ? Math.min(max, value) : max));
                return notNull * share;
            }
        }
    }

    private static Comparison.Op flipped(Comparison.Op op) {
        return switch (op) {
            case LESS_THAN -> Comparison.Op.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Comparison.Op.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Comparison.Op.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Comparison.Op.LESS_THAN_OR_EQUAL;
            default -> op;
        };
    }

    /** The column an expression reads, under casts between numbers; null if it is not a column. */
    private static Attribute attribute(Expression expression) {
        Expression inner = expression;
        while (inner instanceof Cast cast
                && cast.child().dataType().isNumeric()
                && cast.dataType().isNumeric()) {
            inner = cast.child();
        }
        return inner instanceof Attribute attribute ? attribute : null;
    }

    private static ColumnEstimate column(Expression expression, Map<ExprId, ColumnEstimate> columns) {
        Attribute attribute = attribute(expression);
        return attribute == null ? null : columns.get(attribute.exprId());
    }

    private static Estimate aggregate(Aggregate aggregate) {
        Estimate child = estimate(aggregate.child());
        if (child == null) {
            return null;
        }
        if (aggregate.groupingExpressions().isEmpty()) {
            return new Estimate(1, Map.of());
        }
        double groups = 1;
        for (Expression key : aggregate.groupingExpressions()) {
            ColumnEstimate column = column(key, child.columns());
            if (column == null) {
                groups = child.rows();
                break;
            }
            groups *= column.distinct() + (column.nullFraction() > 0 ? 1 : 0);
        }
        double rows = Math.min(child.rows(), groups);
        return capped(rows, projected(aggregate.aggregateExpressions(), child));
    }

    private static Estimate join(Join join) {
        Estimate left = estimate(join.left());
        Estimate right = estimate(join.right());
        if (left == null || right == null) {
            return null;
        }
        Map<ExprId, ColumnEstimate> columns = new HashMap<>(left.columns());
        columns.putAll(right.columns());
        double inner = left.rows() * right.rows();
        if (join.condition() != null) {
            // Keys are often correlated (an order's id and its date): only the most selective one divides, as in
            // Spark's estimate, so that several keys do not multiply into an estimate far too small.
            double divisor = 1;
            for (Expression conjunct : Expressions.splitConjuncts(join.condition())) {
                if (conjunct instanceof Comparison equal
                        && equal.op() == Comparison.Op.EQUAL
                        && column(equal.left(), columns) != null
                        && column(equal.right(), columns) != null) {
                    divisor = Math.max(
                            divisor,
                            Math.max(
                                    column(equal.left(), columns).distinct(),
                                    column(equal.right(), columns).distinct()));
                } else {
                    inner *= selectivity(conjunct, new HashMap<>(columns));
                }
            }
            inner /= divisor;
        }
        double rows =
                switch (join.joinType()) {
                    case LEFT_OUTER -> Math.max(inner, left.rows());
                    case RIGHT_OUTER -> Math.max(inner, right.rows());
                    case FULL_OUTER -> Math.max(inner, left.rows() + right.rows());
                    case LEFT_SEMI -> Math.min(inner, left.rows());
                    case LEFT_ANTI -> left.rows();
                    default -> inner;
                };
        if (join.joinType() == JoinType.LEFT_SEMI || join.joinType() == JoinType.LEFT_ANTI) {
            return capped(rows, left.columns());
        }
        return capped(rows, columns);
    }
}
