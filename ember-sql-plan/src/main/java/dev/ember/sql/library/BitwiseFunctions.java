package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.ShortType;
import java.util.function.LongBinaryOperator;

/**
 * Bit operations on integers: the operators {@code &}, {@code |}, {@code ^} and {@code ~} (the parser calls {@code
 * bitwise_and}, {@code bitwise_or}, {@code bitwise_xor} and {@code bitwise_not}), shifts, {@code bit_count} and
 * {@code bit_get}. Operands of different integer types meet in the wider one; shifts work on INT and BIGINT (smaller
 * types become INT), as in Spark.
 */
final class BitwiseFunctions {
    private BitwiseFunctions() {}

    static void register(FunctionRegistry r) {
        binary(r, "bitwise_and", "Returns the bitwise AND of expr1 and expr2.", (a, b) -> a & b);
        binary(r, "bitwise_or", "Returns the bitwise OR of expr1 and expr2.", (a, b) -> a | b);
        binary(r, "bitwise_xor", "Returns the bitwise exclusive OR of expr1 and expr2.", (a, b) -> a ^ b);
        scalar(
                r,
                "_FUNC_(expr) - Returns the bitwise NOT of expr.",
                c -> {
                    c.count(1);
                    DataType type = integral(c, 0);
                    return c.fn(type, a -> narrow(~((Number) a[0]).longValue(), type), c.arg(0));
                },
                "bitwise_not");
        shift(r, "shiftleft", "Shifts base left by n bits.", 0);
        shift(r, "shiftright", "Shifts base right by n bits, keeping its sign.", 1);
        shift(r, "shiftrightunsigned", "Shifts base right by n bits, filling with zeros.", 2);
        scalar(
                r,
                "_FUNC_(expr) - Returns the number of bits set in expr (a two's complement integer, or a boolean).",
                c -> {
                    c.count(1);
                    DataType type = c.type(0);
                    if (type instanceof BooleanType) {
                        return c.fn(DataTypes.IntegerType, a -> (Boolean) a[0] ? 1 : 0, c.arg(0));
                    }
                    integral(c, 0);
                    return c.fn(DataTypes.IntegerType, a -> bitCount((Number) a[0], type), c.arg(0));
                },
                "bit_count");
        scalar(
                r,
                "_FUNC_(expr, pos) - Returns the value (0 or 1) of the bit at position pos of expr, 0 being the"
                        + " lowest.",
                c -> {
                    c.count(2);
                    DataType type = integral(c, 0);
                    int width = width(type);
                    String where = c.sql();
                    return c.fn(
                            DataTypes.ByteType,
                            a -> {
                                int position = (Integer) a[1];
                                if (position < 0 || position >= width) {
                                    throw new EmberException(
                                            ErrorClass.INVALID_ARGUMENT,
                                            "The bit position " + position + " is outside 0 to " + (width - 1) + " in "
                                                    + where);
                                }
                                return (byte) ((((Number) a[0]).longValue() >>> position) & 1);
                            },
                            c.arg(0),
                            c.integer(1));
                },
                "bit_get",
                "getbit");
    }

    private static void binary(FunctionRegistry r, String name, String usage, LongBinaryOperator operation) {
        scalar(
                r,
                "_FUNC_(expr1, expr2) - " + usage,
                c -> {
                    c.count(2);
                    DataType left = integral(c, 0);
                    DataType right = integral(c, 1);
                    DataType type = ImplicitCasts.widerType(left, right).orElse(DataTypes.LongType);
                    Expression a = ImplicitCasts.castIfNeeded(c.arg(0), type, c.timeZone());
                    Expression b = ImplicitCasts.castIfNeeded(c.arg(1), type, c.timeZone());
                    return c.fn(
                            type,
                            v -> narrow(
                                    operation.applyAsLong(((Number) v[0]).longValue(), ((Number) v[1]).longValue()),
                                    type),
                            a,
                            b);
                },
                name);
    }

    /** kind 0: left; 1: right arithmetic; 2: right logical. */
    private static void shift(FunctionRegistry r, String name, String usage, int kind) {
        scalar(
                r,
                "_FUNC_(base, n) - " + usage,
                c -> {
                    c.count(2);
                    DataType given = integral(c, 0);
                    DataType type = given instanceof LongType ? DataTypes.LongType : DataTypes.IntegerType;
                    Expression base = ImplicitCasts.castIfNeeded(c.arg(0), type, c.timeZone());
                    boolean wide = type instanceof LongType;
                    return c.fn(
                            type,
                            a -> {
                                int n = (Integer) a[1];
                                if (wide) {
                                    long value = (Long) a[0];
                                    return kind == 0 ? value << n : kind == 1 ? value >> n : value >>> n;
                                }
                                int value = (Integer) a[0];
                                return kind == 0 ? value << n : kind == 1 ? value >> n : value >>> n;
                            },
                            base,
                            c.integer(1));
                },
                name);
    }

    /** The type of an integer argument; text or void is not read as a number here, as in Spark. */
    private static DataType integral(Call c, int index) {
        DataType type = c.type(index);
        if (type instanceof ByteType
                || type instanceof ShortType
                || type instanceof IntegerType
                || type instanceof LongType) {
            return type;
        }
        if (type instanceof NullType) {
            return DataTypes.IntegerType;
        }
        throw c.mismatch(index, "an integer type (TINYINT, SMALLINT, INT or BIGINT)");
    }

    private static int width(DataType type) {
        return type instanceof ByteType ? 8 : type instanceof ShortType ? 16 : type instanceof IntegerType ? 32 : 64;
    }

    private static int bitCount(Number value, DataType type) {
        long bits = value.longValue();
        return type instanceof LongType ? Long.bitCount(bits) : Long.bitCount(bits & ((1L << width(type)) - 1));
    }

    /** {@code value} as the Java type of the integer {@code type}. */
    private static Object narrow(long value, DataType type) {
        if (type instanceof ByteType) {
            return (byte) value;
        }
        if (type instanceof ShortType) {
            return (short) value;
        }
        if (type instanceof IntegerType) {
            return (int) value;
        }
        return value;
    }
}
