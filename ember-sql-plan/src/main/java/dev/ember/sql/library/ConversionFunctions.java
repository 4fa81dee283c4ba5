package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Conversions: a cast written as a call of the type's name ({@code int('5')}, {@code date('2020-01-01')}...), {@code
 * zeroifnull} and {@code nullifzero}, and {@code conv}, which rewrites a number from one base to another.
 */
final class ConversionFunctions {
    private ConversionFunctions() {}

    static void register(FunctionRegistry r) {
        castAlias(r, "boolean", DataTypes.BooleanType);
        castAlias(r, "tinyint", DataTypes.ByteType);
        castAlias(r, "smallint", DataTypes.ShortType);
        castAlias(r, "int", DataTypes.IntegerType);
        castAlias(r, "bigint", DataTypes.LongType);
        castAlias(r, "float", DataTypes.FloatType);
        castAlias(r, "double", DataTypes.DoubleType);
        castAlias(r, "decimal", DataTypes.createDecimalType(10, 0));
        castAlias(r, "string", DataTypes.StringType);
        castAlias(r, "binary", DataTypes.BinaryType);
        castAlias(r, "date", DataTypes.DateType);
        castAlias(r, "timestamp", DataTypes.TimestampType);
        scalar(
                r,
                "_FUNC_(expr) - Returns 0 if expr is null, else expr.",
                c -> {
                    c.count(1);
                    DataType type = c.type(0).isNumeric() ? c.type(0) : DataTypes.IntegerType;
                    Expression value = ImplicitCasts.castIfNeeded(c.arg(0), type, c.timeZone());
                    Object zero = Casts.cast(0, DataTypes.IntegerType, type, java.time.ZoneOffset.UTC, c.sql());
                    return new dev.ember.sql.expressions.ScalarFunction(
                            c.name, List.of(value), type, false, false, true, a -> a[0] == null ? zero : a[0]);
                },
                "zeroifnull");
        scalar(
                r,
                "_FUNC_(expr) - Returns null if expr is 0, else expr.",
                c -> {
                    c.count(1);
                    Expression value = c.numeric(0);
                    DataType type = value.dataType();
                    return c.fnNullable(type, a -> ((Number) a[0]).doubleValue() == 0 ? null : a[0], value);
                },
                "nullifzero");
        scalar(
                r,
                "_FUNC_(num, from_base, to_base) - Converts num, written in base from_base, to base to_base (2 to"
                        + " 36; a negative to_base writes a signed number). Invalid digits end the number.",
                c -> {
                    c.count(3);
                    return c.fnNullable(
                            DataTypes.StringType,
                            a -> convert((String) a[0], (Integer) a[1], (Integer) a[2]),
                            c.string(0),
                            c.integer(1),
                            c.integer(2));
                },
                "conv");
    }

    private static void castAlias(FunctionRegistry r, String name, DataType type) {
        scalar(
                r,
                "_FUNC_(expr) - Casts expr to " + type.sql() + ".",
                c -> {
                    c.count(1);
                    if (!Casts.canCast(c.type(0), type)) {
                        throw c.invalid("Cannot cast " + c.type(0).sql() + " to " + type.sql());
                    }
                    return new Cast(c.arg(0), type, false, c.timeZone());
                },
                name);
    }

    /** Spark's conv: the digits valid in {@code from} are read as an unsigned 64-bit number (a leading '-' negates). */
    static String convert(String text, int from, int to) {
        int target = Math.abs(to);
        if (from < 2 || from > 36 || target < 2 || target > 36) {
            return null;
        }
        String digits = text.trim();
        boolean negative = digits.startsWith("-");
        if (negative) {
            digits = digits.substring(1);
        }
        BigInteger limit = BigInteger.ONE.shiftLeft(64);
        BigInteger value = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(from);
        int read = 0;
        for (char ch : digits.toCharArray()) {
            int digit = Character.digit(ch, from);
            if (digit < 0) {
                break;
            }
            value = value.multiply(base).add(BigInteger.valueOf(digit));
            if (value.compareTo(limit) >= 0) {
                value = limit.subtract(BigInteger.ONE);
            }
            read++;
        }
        if (read == 0) {
            return null;
        }
        if (negative) {
            value = limit.subtract(value).mod(limit);
        }
        if (to < 0 && value.testBit(63)) {
            return "-" + limit.subtract(value).toString(target).toUpperCase(Locale.ROOT);
        }
        return value.toString(target).toUpperCase(Locale.ROOT);
    }
}
