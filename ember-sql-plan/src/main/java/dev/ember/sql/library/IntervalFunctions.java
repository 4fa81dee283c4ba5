package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic on intervals, which the analyzer calls for the operators ({@code INTERVAL '1' DAY + INTERVAL '2' HOUR},
 * {@code INTERVAL '10' DAY * 2}, {@code INTERVAL '1' MONTH / 3}): sums of two intervals of one kind (year-month or
 * day-time), and an interval times or divided by a number, rounded half up to whole months or microseconds. Overflow
 * and division by zero are errors, as in ANSI mode.
 */
final class IntervalFunctions {
    private IntervalFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(interval1, interval2) - Returns the sum of two intervals of the same kind.",
                IntervalFunctions::add,
                "interval_add");
        scalar(
                r,
                "_FUNC_(interval, num) - Returns the interval multiplied by num.",
                c -> scale(c, true),
                "interval_multiply");
        scalar(
                r,
                "_FUNC_(interval, num) - Returns the interval divided by num.",
                c -> scale(c, false),
                "interval_divide");
    }

    private static dev.ember.sql.expressions.Expression add(Call c) {
        c.count(2);
        DataType first = c.type(0);
        DataType second = c.type(1);
        DataType type;
        if (first instanceof YearMonthIntervalType a && second instanceof YearMonthIntervalType b) {
            type = a.widen(b);
        } else if (first instanceof DayTimeIntervalType a && second instanceof DayTimeIntervalType b) {
            type = a.widen(b);
        } else {
            throw c.invalid("Only intervals of the same kind (year-month or day-time) can be added, not " + first.sql()
                    + " and " + second.sql());
        }
        String where = c.sql();
        if (type instanceof YearMonthIntervalType) {
            return c.fn(type, a -> exactInt((long) (Integer) a[0] + (Integer) a[1], where), c.arg(0), c.arg(1));
        }
        return c.fn(type, a -> exactLong((Long) a[0], (Long) a[1], where), c.arg(0), c.arg(1));
    }

    private static dev.ember.sql.expressions.Expression scale(Call c, boolean multiply) {
        c.count(2);
        DataType type = c.type(0);
        if (!isInterval(type) || !c.type(1).isNumeric()) {
            throw c.invalid("An interval can be " + (multiply ? "multiplied" : "divided") + " by a number only");
        }
        String where = c.sql();
        boolean months = type instanceof YearMonthIntervalType;
        DataType factorType = c.type(1);
        // As in Spark, a scaled interval has every field of its kind: a third of a day has hours.
        return c.fn(
                months ? DataTypes.YearMonthIntervalType : DataTypes.DayTimeIntervalType,
                a -> {
                    BigDecimal amount = BigDecimal.valueOf(months ? (long) (Integer) a[0] : (Long) a[0]);
                    BigDecimal factor =
                            factorType instanceof DecimalType ? (BigDecimal) a[1] : new BigDecimal(a[1].toString());
                    BigDecimal result;
                    if (multiply) {
                        result = amount.multiply(factor);
                    } else {
                        if (factor.signum() == 0) {
                            throw new EmberException(ErrorClass.DIVIDE_BY_ZERO, "Division by zero in " + where);
                        }
                        result = amount.divide(factor, 0, RoundingMode.HALF_UP);
                    }
                    result = result.setScale(0, RoundingMode.HALF_UP);
                    try {
                        long whole = result.longValueExact();
                        if (months) {
                            // Boxed apart: a conditional expression would widen the Integer to a Long.
                            return Integer.valueOf(exactInt(whole, where));
                        }
                        return Long.valueOf(whole);
                    } catch (ArithmeticException e) {
                        throw overflow(where);
                    }
                },
                c.arg(0),
                c.arg(1));
    }

    private static boolean isInterval(DataType type) {
        return type instanceof YearMonthIntervalType || type instanceof DayTimeIntervalType;
    }

    private static int exactInt(long value, String where) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw overflow(where);
        }
        return (int) value;
    }

    private static long exactLong(long a, long b, String where) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow(where);
        }
    }

    private static EmberException overflow(String where) {
        return new EmberException(ErrorClass.ARITHMETIC_OVERFLOW, "The interval overflows in " + where);
    }
}
