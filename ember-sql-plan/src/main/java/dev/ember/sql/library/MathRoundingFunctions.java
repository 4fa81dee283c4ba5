package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Decimals;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Math functions that round: {@code ceil}, {@code floor}, {@code round} and {@code bround}. {@code round} rounds half
 * up and {@code bround} half to even; on a decimal they give a decimal of the new scale, on other numbers the input's
 * type. {@code ceil} and {@code floor} give bigint, or a decimal of scale 0 for a decimal (of the given scale with a
 * second argument).
 */
final class MathRoundingFunctions {
    private MathRoundingFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(expr[, scale]) - Returns the smallest number after rounding up that is not smaller than expr.",
                c -> ceilFloor(c, RoundingMode.CEILING),
                "ceil",
                "ceiling");
        scalar(
                r,
                "_FUNC_(expr[, scale]) - Returns the largest number after rounding down that is not greater than"
                        + " expr.",
                c -> ceilFloor(c, RoundingMode.FLOOR),
                "floor");
        scalar(
                r,
                "_FUNC_(expr, d) - Returns expr rounded to d decimal places using HALF_UP rounding mode.",
                c -> round(c, RoundingMode.HALF_UP),
                "round");
        scalar(
                r,
                "_FUNC_(expr, d) - Returns expr rounded to d decimal places using HALF_EVEN rounding mode.",
                c -> round(c, RoundingMode.HALF_EVEN),
                "bround");
    }

    /** The decimal type a number of {@code type} is rounded in: itself, an integral's, or decimal(38,18). */
    private static DecimalType asDecimal(DataType type) {
        if (type instanceof DecimalType decimal) {
            return decimal;
        }
        if (type.isIntegral()) {
            return DecimalType.forIntegral(type);
        }
        return DecimalType.SYSTEM_DEFAULT;
    }

    /** The type of a decimal of {@code type} rounded to {@code scale} places: one more integral digit, at most 38. */
    static DecimalType roundedType(DecimalType type, int scale) {
        int integral = type.precision() - type.scale() + 1;
        if (scale < 0) {
            return new DecimalType(Math.min(Math.max(integral, -scale + 1), DecimalType.MAX_PRECISION), 0);
        }
        int newScale = Math.min(type.scale(), scale);
        return new DecimalType(Math.min(integral + newScale, DecimalType.MAX_PRECISION), newScale);
    }

    private static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private static Expression ceilFloor(Call c, RoundingMode mode) {
        c.count(1, 2);
        Expression x = c.numeric(0);
        DataType type = x.dataType();
        String where = c.sql();
        if (c.size() == 2) {
            Object scaleValue = c.constant(1);
            if (!(scaleValue instanceof Number) || !c.type(1).isIntegral()) {
                throw c.mismatch(1, "a constant INT");
            }
            int scale = ((Number) scaleValue).intValue();
            DecimalType result = roundedType(asDecimal(type), scale);
            return c.fn(
                    result,
                    a -> {
                        if (a[0] instanceof Double d && !Double.isFinite(d)
                                || a[0] instanceof Float f && !Float.isFinite(f)) {
                            throw MathFunctions.overflow(where, result);
                        }
                        return Decimals.fit(
                                toDecimal(a[0]).setScale(scale, mode).setScale(result.scale()), result, where);
                    },
                    x);
        }
        if (type instanceof DecimalType decimal) {
            DecimalType result = new DecimalType(
                    Math.min(Math.max(decimal.precision() - decimal.scale() + 1, 1), DecimalType.MAX_PRECISION), 0);
            return c.fn(result, a -> Decimals.fit(((BigDecimal) a[0]).setScale(0, mode), result, where), x);
        }
        if (type.isIntegral()) {
            return c.fn(DataTypes.LongType, a -> ((Number) a[0]).longValue(), x);
        }
        boolean up = mode == RoundingMode.CEILING;
        return c.fn(
                DataTypes.LongType,
                a -> {
                    double d = ((Number) a[0]).doubleValue();
                    return (long) (up ? Math.ceil(d) : Math.floor(d));
                },
                x);
    }

    private static Expression round(Call c, RoundingMode mode) {
        c.count(1, 2);
        Expression x = c.numeric(0);
        int scale = 0;
        if (c.size() == 2) {
            Object value = c.constant(1);
            if (!c.type(1).isIntegral() || value == null) {
                throw c.mismatch(1, "a constant INT");
            }
            scale = ((Number) value).intValue();
        }
        int places = scale;
        DataType type = x.dataType();
        String where = c.sql();
        if (type instanceof DecimalType decimal) {
            DecimalType result = roundedType(decimal, places);
            return c.fn(
                    result,
                    a -> Decimals.fit(
                            ((BigDecimal) a[0]).setScale(places, mode).setScale(result.scale()), result, where),
                    x);
        }
        if (type instanceof DoubleType) {
            return c.fn(
                    type,
                    a -> {
                        double d = (Double) a[0];
                        return Double.isFinite(d)
                                ? new BigDecimal(Double.toString(d))
                                        .setScale(places, mode)
                                        .doubleValue()
                                : d;
                    },
                    x);
        }
        if (type instanceof FloatType) {
            return c.fn(
                    type,
                    a -> {
                        float f = (Float) a[0];
                        return Float.isFinite(f)
                                ? new BigDecimal(Float.toString(f))
                                        .setScale(places, mode)
                                        .floatValue()
                                : f;
                    },
                    x);
        }
        if (places >= 0) {
            return c.fn(type, a -> a[0], x);
        }
        return c.fn(
                type,
                a -> {
                    BigDecimal rounded = BigDecimal.valueOf(((Number) a[0]).longValue())
                            .setScale(places, mode)
                            .setScale(0);
                    return integral(rounded, type, where);
                },
                x);
    }

    /** {@code value} as a value of the integral {@code type}, or an overflow error. */
    static Object integral(BigDecimal value, DataType type, String where) {
        long bound = type instanceof ByteType
                ? Byte.MAX_VALUE
                : type instanceof ShortType ? Short.MAX_VALUE : type instanceof IntegerType ? Integer.MAX_VALUE : 0;
        if (type instanceof LongType) {
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw MathFunctions.overflow(where, type);
            }
        }
        if (value.compareTo(BigDecimal.valueOf(bound)) > 0 || value.compareTo(BigDecimal.valueOf(-bound - 1)) < 0) {
            throw MathFunctions.overflow(where, type);
        }
        long n = value.longValue();
        if (type instanceof ByteType) {
            return (byte) n;
        }
        if (type instanceof ShortType) {
            return (short) n;
        }
        return (int) n;
    }
}
