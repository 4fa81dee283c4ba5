package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.aggregate;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.aggregate.ApproxCountDistinct;
import dev.ember.sql.expressions.aggregate.ApproxPercentile;
import dev.ember.sql.expressions.aggregate.Average;
import dev.ember.sql.expressions.aggregate.BoolAggregate;
import dev.ember.sql.expressions.aggregate.CentralMoment;
import dev.ember.sql.expressions.aggregate.Collect;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.expressions.aggregate.CountIf;
import dev.ember.sql.expressions.aggregate.FirstLast;
import dev.ember.sql.expressions.aggregate.MaxMinBy;
import dev.ember.sql.expressions.aggregate.MinMax;
import dev.ember.sql.expressions.aggregate.Percentile;
import dev.ember.sql.expressions.aggregate.Sum;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregate functions: each builder returns an {@link dev.ember.sql.expressions.aggregate.AggregateFunction}. {@code
 * count()} and {@code count(*)} (a star argument) count rows. Constant arguments ({@code first}'s ignoreNulls, the
 * percentages of {@code percentile}, the rsd of {@code approx_count_distinct}) are read while binding.
 */
final class AggregateFunctions {
    private AggregateFunctions() {}

    static void register(FunctionRegistry r) {
        aggregate(
                r,
                "_FUNC_(*) - Returns the total number of retrieved rows, including rows containing null."
                        + " _FUNC_(expr[, expr...]) - Returns the number of rows for which the supplied expression(s)"
                        + " are all non-null.",
                c -> {
                    if (c.size() == 0 || c.size() == 1 && c.arg(0) instanceof UnresolvedStar) {
                        return new Count(List.of());
                    }
                    return new Count(c.args);
                },
                "count");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the sum calculated from values of a group.",
                c -> {
                    c.count(1);
                    return new Sum(numericOrInterval(c));
                },
                "sum");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the mean calculated from values of a group.",
                c -> {
                    c.count(1);
                    return new Average(c.numeric(0));
                },
                "avg",
                "mean");
        aggregate(
                r, "_FUNC_(expr) - Returns the minimum value of expr.", c -> new MinMax(orderable(c, 0), false), "min");
        aggregate(
                r, "_FUNC_(expr) - Returns the maximum value of expr.", c -> new MinMax(orderable(c, 0), true), "max");
        aggregate(
                r,
                "_FUNC_(expr[, isIgnoreNull]) - Returns the first value of expr for a group of rows. If isIgnoreNull"
                        + " is true, returns only non-null values.",
                c -> firstLast(c, false),
                "first",
                "first_value",
                "any_value");
        aggregate(
                r,
                "_FUNC_(expr[, isIgnoreNull]) - Returns the last value of expr for a group of rows. If isIgnoreNull"
                        + " is true, returns only non-null values.",
                c -> firstLast(c, true),
                "last",
                "last_value");
        aggregate(
                r,
                "_FUNC_(expr) - Collects and returns a list of non-unique elements.",
                c -> {
                    c.count(1);
                    return new Collect(c.arg(0), false);
                },
                "collect_list",
                "array_agg");
        aggregate(
                r,
                "_FUNC_(expr) - Collects and returns a set of unique elements.",
                c -> {
                    c.count(1);
                    return new Collect(c.arg(0), true);
                },
                "collect_set");
        moment(r, CentralMoment.Kind.STDDEV_SAMP, "the sample standard deviation", "stddev", "std", "stddev_samp");
        moment(r, CentralMoment.Kind.STDDEV_POP, "the population standard deviation", "stddev_pop");
        moment(r, CentralMoment.Kind.VAR_SAMP, "the sample variance", "variance", "var_samp");
        moment(r, CentralMoment.Kind.VAR_POP, "the population variance", "var_pop");
        aggregate(
                r,
                "_FUNC_(expr) - Returns true if all values of expr are true.",
                c -> {
                    c.count(1);
                    return new BoolAggregate(c.bool(0), true);
                },
                "bool_and",
                "every");
        aggregate(
                r,
                "_FUNC_(expr) - Returns true if at least one value of expr is true.",
                c -> {
                    c.count(1);
                    return new BoolAggregate(c.bool(0), false);
                },
                "bool_or",
                "some",
                "any");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the number of TRUE values for the expression.",
                c -> {
                    c.count(1);
                    return new CountIf(c.bool(0));
                },
                "count_if");
        aggregate(
                r,
                "_FUNC_(x, y) - Returns the value of x associated with the maximum value of y.",
                c -> {
                    c.count(2);
                    return new MaxMinBy(c.arg(0), orderable(c, 1), true);
                },
                "max_by");
        aggregate(
                r,
                "_FUNC_(x, y) - Returns the value of x associated with the minimum value of y.",
                c -> {
                    c.count(2);
                    return new MaxMinBy(c.arg(0), orderable(c, 1), false);
                },
                "min_by");
        aggregate(
                r,
                "_FUNC_(expr[, relativeSD]) - Returns the estimated cardinality by HyperLogLog++. relativeSD defines"
                        + " the maximum relative standard deviation allowed (0.05 by default).",
                AggregateFunctions::approxCountDistinct,
                "approx_count_distinct");
        aggregate(
                r,
                "_FUNC_(col, percentage[, accuracy]) - Returns the smallest value in the ordered col values such that"
                        + " no more than percentage of col values is less than the value or equal to that value."
                        + " percentage may be an array; accuracy (10000 by default) trades memory for precision.",
                AggregateFunctions::approxPercentile,
                "percentile_approx",
                "approx_percentile");
        aggregate(
                r,
                "_FUNC_(col, percentage) - Returns the exact percentile value of numeric column col at the given"
                        + " percentage (or array of percentages), interpolating between values.",
                c -> {
                    c.count(2);
                    Expression value = c.numeric(0);
                    boolean array = c.type(1) instanceof ArrayType;
                    return new Percentile(value, percentages(c, 1), array, "percentile");
                },
                "percentile");
        aggregate(
                r,
                "_FUNC_(col) - Returns the median of numeric column col.",
                c -> {
                    c.count(1);
                    return new Percentile(c.numeric(0), List.of(0.5), false, "median");
                },
                "median");
    }

    private static void moment(FunctionRegistry r, CentralMoment.Kind kind, String what, String... names) {
        aggregate(
                r,
                "_FUNC_(expr) - Returns " + what + " calculated from values of a group.",
                c -> {
                    c.count(1);
                    return new CentralMoment(c.numeric(0), kind);
                },
                names);
    }

    private static Expression numericOrInterval(Call c) {
        DataType type = c.type(0);
        if (type instanceof YearMonthIntervalType || type instanceof DayTimeIntervalType) {
            return c.arg(0);
        }
        return c.numeric(0);
    }

    private static Expression orderable(Call c, int index) {
        if (index == 0) {
            c.count(1);
        }
        if (!c.type(index).isOrderable()) {
            throw c.mismatch(index, "an orderable type");
        }
        return c.arg(index);
    }

    private static Expression firstLast(Call c, boolean last) {
        c.count(1, 2);
        boolean ignoreNulls = false;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!(value instanceof Boolean flag)) {
                throw c.mismatch(1, "a constant BOOLEAN");
            }
            ignoreNulls = flag;
        }
        return new FirstLast(c.arg(0), last, ignoreNulls);
    }

    private static Expression approxCountDistinct(Call c) {
        c.count(1, 2);
        double rsd = 0.05;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!(value instanceof Number number) || !c.type(1).isNumeric()) {
                throw c.mismatch(1, "a constant DOUBLE");
            }
            rsd = number.doubleValue();
            if (!(rsd > 0) || rsd >= 1 || ApproxCountDistinct.precisionFor(rsd) > 16 && rsd < 0.0039) {
                throw c.invalid("The relative standard deviation must be above 0.0039 and below 1, but it is " + rsd);
            }
        }
        return new ApproxCountDistinct(c.arg(0), rsd);
    }

    private static Expression approxPercentile(Call c) {
        c.count(2, 3);
        DataType type = c.type(0);
        Expression value;
        if (type.isNumeric()
                || type instanceof DateType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType) {
            value = c.arg(0);
        } else {
            value = c.numeric(0);
        }
        int accuracy = ApproxPercentile.DEFAULT_ACCURACY;
        if (c.size() == 3) {
            Object given = c.constant(2);
            if (!(given instanceof Number number) || !c.type(2).isIntegral() || number.longValue() <= 0) {
                throw c.mismatch(2, "a positive constant INT");
            }
            accuracy = (int) Math.min(Integer.MAX_VALUE, number.longValue());
        }
        boolean array = c.type(1) instanceof ArrayType;
        return new ApproxPercentile(value, percentages(c, 1), array, accuracy);
    }

    /** The constant percentage (or array of percentages) of argument {@code index}, each in [0, 1]. */
    static List<Double> percentages(Call c, int index) {
        DataType type = c.type(index);
        Expression argument = type instanceof ArrayType
                ? c.as(index, new ArrayType(DataTypes.DoubleType, true), "ARRAY<DOUBLE>")
                : c.as(index, DataTypes.DoubleType);
        if (!argument.foldable()) {
            throw c.mismatch(index, "a constant DOUBLE or ARRAY<DOUBLE>");
        }
        Object value = argument.eval(dev.ember.sql.expressions.InternalRow.EMPTY);
        List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
        List<Double> percentages = new ArrayList<>();
        for (Object percentage : values) {
            if (!(percentage instanceof Double p) || p < 0 || p > 1) {
                throw c.invalid("The percentage must be between 0.0 and 1.0, but it is " + percentage);
            }
            percentages.add(p);
        }
        if (percentages.isEmpty()) {
            throw c.invalid("At least one percentage is needed");
        }
        return percentages;
    }
}
