package dev.ember.sql.library;

import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.window.LagLead;
import dev.ember.sql.expressions.window.NTile;
import dev.ember.sql.expressions.window.NthValue;
import dev.ember.sql.expressions.window.RankingFunction;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.NullType;

/**
 * Window functions, which are only defined with OVER: the ranking functions, {@code ntile}, {@code lag}, {@code lead}
 * and {@code nth_value}. Their numeric arguments (offsets, bucket counts, n) must be constants and are read while
 * binding. {@code first_value} and {@code last_value} are aggregate functions, so they work over frames too.
 */
final class WindowFunctions {
    private WindowFunctions() {}

    static void register(FunctionRegistry r) {
        ranking(r, RankingFunction.Kind.ROW_NUMBER, "the sequential number of the row in its partition, from 1");
        ranking(r, RankingFunction.Kind.RANK, "the rank of the row in its partition, ties sharing it, with gaps");
        ranking(r, RankingFunction.Kind.DENSE_RANK, "the rank of the row in its partition, ties sharing it, no gaps");
        ranking(r, RankingFunction.Kind.PERCENT_RANK, "the percentage ranking of the row in its partition");
        ranking(r, RankingFunction.Kind.CUME_DIST, "the fraction of the partition's rows up to the row and its peers");
        window(
                r,
                "_FUNC_(n) - Divides the rows of each window partition into n buckets ranging from 1 to at most n.",
                c -> {
                    c.count(1);
                    int buckets = positiveInt(c, 0);
                    return new NTile(buckets);
                },
                "ntile");
        window(
                r,
                "_FUNC_(input[, offset[, default]]) - Returns the value of input at the offset-th row before the current"
                        + " row in the window, or default when there is none.",
                c -> lagLead(c, false),
                "lag");
        window(
                r,
                "_FUNC_(input[, offset[, default]]) - Returns the value of input at the offset-th row after the current"
                        + " row in the window, or default when there is none.",
                c -> lagLead(c, true),
                "lead");
        window(
                r,
                "_FUNC_(input[, offset[, ignoreNulls]]) - Returns the value of input at the row that is the offset-th"
                        + " row from the beginning of the window frame.",
                c -> {
                    c.count(2, 3);
                    int n = positiveInt(c, 1);
                    boolean ignoreNulls = false;
                    if (c.size() == 3) {
                        if (!(c.type(2) instanceof BooleanType)) {
                            throw c.mismatch(2, "BOOLEAN");
                        }
                        ignoreNulls = Boolean.TRUE.equals(c.constant(2));
                    }
                    return new NthValue(c.arg(0), n, ignoreNulls);
                },
                "nth_value");
    }

    private static void ranking(FunctionRegistry r, RankingFunction.Kind kind, String what) {
        window(
                r,
                "_FUNC_() - Computes " + what + ".",
                c -> {
                    c.count(0);
                    return new RankingFunction(kind);
                },
                kind.sqlName());
    }

    private static Expression lagLead(Call c, boolean lead) {
        c.count(1, 3);
        int offset = 1;
        if (c.size() >= 2) {
            Object value = c.constant(1);
            if (!(value instanceof Integer) && !(value instanceof Long && (Long) value == ((Long) value).intValue())) {
                throw c.mismatch(1, "an INT constant");
            }
            offset = ((Number) value).intValue();
        }
        Expression input = c.arg(0);
        Expression defaultValue = Literal.nullOf(input.dataType());
        if (c.size() == 3 && !(c.type(2) instanceof NullType)) {
            defaultValue = c.type(0) instanceof NullType ? c.arg(2) : c.as(2, c.type(0));
        }
        return new LagLead(input, offset, defaultValue, lead);
    }

    private static int positiveInt(Call c, int index) {
        Object value = c.constant(index);
        if (!(value instanceof Integer) && !(value instanceof Long)) {
            throw c.mismatch(index, "an INT constant");
        }
        long number = ((Number) value).longValue();
        if (number <= 0 || number > Integer.MAX_VALUE) {
            throw c.invalid("The argument " + (index + 1) + " must be a positive INT, not " + number);
        }
        return (int) number;
    }

    private static void window(FunctionRegistry r, String usage, BuiltinFunctions.Body body, String name) {
        r.register(
                name,
                FunctionInfo.Kind.WINDOW,
                usage.replace("_FUNC_", name),
                (arguments, context) -> body.build(new Call(name, arguments, context)));
    }
}
