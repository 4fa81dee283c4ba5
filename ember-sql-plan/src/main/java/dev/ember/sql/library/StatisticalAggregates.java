package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.aggregate;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.aggregate.Covariance;
import dev.ember.sql.expressions.aggregate.HigherMoment;
import dev.ember.sql.expressions.aggregate.Mode;
import dev.ember.sql.expressions.aggregate.Percentile;
import dev.ember.sql.expressions.aggregate.StringAgg;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.StringType;

/**
 * Aggregates beyond the everyday ones: covariance and correlation, skewness and kurtosis, the mode, strings joined
 * ({@code string_agg}, {@code listagg}) and the discrete percentile that {@code percentile_disc(p) WITHIN GROUP (ORDER
 * BY x)} becomes.
 */
final class StatisticalAggregates {
    private StatisticalAggregates() {}

    static void register(FunctionRegistry r) {
        covariance(r, Covariance.Kind.COVAR_POP, "the population covariance of pairs of numbers", "covar_pop");
        covariance(r, Covariance.Kind.COVAR_SAMP, "the sample covariance of pairs of numbers", "covar_samp");
        covariance(r, Covariance.Kind.CORR, "Pearson's correlation coefficient of pairs of numbers", "corr");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the skewness of the values of a group.",
                c -> {
                    c.count(1);
                    return new HigherMoment(c.numeric(0), false);
                },
                "skewness");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the (excess) kurtosis of the values of a group.",
                c -> {
                    c.count(1);
                    return new HigherMoment(c.numeric(0), true);
                },
                "kurtosis");
        aggregate(
                r,
                "_FUNC_(expr) - Returns the most frequent value of a group (the least of the most frequent ones).",
                c -> {
                    c.count(1);
                    if (!c.type(0).isOrderable()) {
                        throw c.mismatch(0, "a type with an order");
                    }
                    return new Mode(c.arg(0));
                },
                "mode");
        aggregate(
                r,
                "_FUNC_(expr[, delimiter]) - Returns the non-null strings of a group joined by delimiter (none by"
                        + " default).",
                c -> {
                    // Five arguments are the parser's form of ... WITHIN GROUP (ORDER BY key): the key, ascending
                    // and nulls first follow the delimiter.
                    if (c.size() != 5) {
                        c.count(1, 2);
                    }
                    String delimiter = "";
                    if (c.size() >= 2) {
                        if (!(c.type(1) instanceof StringType) || c.constant(1) == null) {
                            throw c.mismatch(1, "a constant STRING");
                        }
                        delimiter = (String) c.constant(1);
                    }
                    if (c.size() == 5) {
                        if (!c.type(2).isOrderable()) {
                            throw c.mismatch(2, "a type with an order");
                        }
                        dev.ember.sql.expressions.SortOrder order = new dev.ember.sql.expressions.SortOrder(
                                c.arg(2), (Boolean) c.constant(3), (Boolean) c.constant(4));
                        return new StringAgg(c.string(0), delimiter, c.name, order);
                    }
                    return new StringAgg(c.string(0), delimiter, c.name);
                },
                "string_agg",
                "listagg");
        aggregate(
                r,
                "_FUNC_(col, percentage) - Returns the smallest value of col whose cumulative distribution is at least"
                        + " percentage (what percentile_disc(percentage) WITHIN GROUP (ORDER BY col) calls).",
                c -> {
                    c.count(2);
                    boolean array = c.type(1) instanceof ArrayType;
                    return new Percentile(c.numeric(0), AggregateFunctions.percentages(c, 1), array, "percentile_disc");
                },
                "percentile_disc");
    }

    private static void covariance(FunctionRegistry r, Covariance.Kind kind, String what, String name) {
        aggregate(
                r,
                "_FUNC_(expr1, expr2) - Returns " + what + ".",
                c -> {
                    c.count(2);
                    return new Covariance(c.numeric(0), c.numeric(1), kind);
                },
                name);
    }
}
