package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Date and time arithmetic: adding days, months and intervals, differences, truncation and moving between time
 * zones.
 *
 * <p>For the analyzer's interval arithmetic:
 *
 * <ul>
 *   <li>{@code date_add_interval(start, interval)} (also named {@code timestamp_add_interval}): a date, timestamp or
 *       timestamp_ntz plus an interval. A year-month interval adds months to the local date (a date stays a date);
 *       a day-time interval adds its microseconds (a date becomes a timestamp first). Subtraction is addition of the
 *       negated interval.
 *   <li>{@code timestamp_diff_interval(end, start)}: the day-time interval between two timestamps ({@code end -
 *       start}); {@code date_diff_interval(end, start)} the same for dates, in whole days.
 * </ul>
 */
final class DateArithmeticFunctions {
    private DateArithmeticFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(start_date, num_days) - Returns the date that is num_days after start_date.",
                c -> dateAdd(c, 1),
                "date_add",
                "dateadd");
        scalar(
                r,
                "_FUNC_(start_date, num_days) - Returns the date that is num_days before start_date.",
                c -> dateAdd(c, -1),
                "date_sub");
        scalar(
                r,
                "_FUNC_(endDate, startDate) - Returns the number of days from startDate to endDate.",
                c -> {
                    c.count(2);
                    return c.fn(DataTypes.IntegerType, a -> (Integer) a[0] - (Integer) a[1], c.date(0), c.date(1));
                },
                "datediff",
                "date_diff");
        scalar(
                r,
                "_FUNC_(start_date, num_months) - Returns the date that is num_months after start_date (the last day"
                        + " of the month when the day does not exist there).",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.DateType,
                            a -> (int) DateTimes.day((Integer) a[0])
                                    .plusMonths((Integer) a[1])
                                    .toEpochDay(),
                            c.date(0),
                            c.integer(1));
                },
                "add_months");
        scalar(
                r,
                "_FUNC_(timestamp1, timestamp2[, roundOff]) - Returns the number of months from timestamp2 to"
                        + " timestamp1, with a fraction of 31-day months, rounded to 8 digits unless roundOff is"
                        + " false.",
                DateArithmeticFunctions::monthsBetween,
                "months_between");
        scalar(
                r,
                "_FUNC_(date) - Returns the last day of the month which the date belongs to.",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.DateType,
                            a -> (int) DateTimes.day((Integer) a[0])
                                    .with(TemporalAdjusters.lastDayOfMonth())
                                    .toEpochDay(),
                            c.date(0));
                },
                "last_day");
        scalar(
                r,
                "_FUNC_(start_date, day_of_week) - Returns the first date which is later than start_date and named"
                        + " as indicated ('MO', 'MON' or 'MONDAY', ...).",
                DateArithmeticFunctions::nextDay,
                "next_day");
        scalar(
                r,
                "_FUNC_(fmt, ts) - Returns timestamp ts truncated to the unit specified by the format model fmt"
                        + " ('YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND',"
                        + " 'MICROSECOND').",
                DateArithmeticFunctions::dateTrunc,
                "date_trunc");
        scalar(
                r,
                "_FUNC_(date, fmt) - Returns date with the time portion of the day truncated to the unit specified by"
                        + " the format model fmt ('YEAR', 'QUARTER', 'MONTH', 'WEEK').",
                DateArithmeticFunctions::trunc,
                "trunc");
        scalar(
                r,
                "_FUNC_(timestamp, timezone) - Renders timestamp, a time in UTC, as the time of the same wall clock"
                        + " in timezone.",
                c -> convertZone(c, true),
                "from_utc_timestamp");
        scalar(
                r,
                "_FUNC_(timestamp, timezone) - Reads the wall clock of timestamp as a time in timezone and gives it in"
                        + " UTC.",
                c -> convertZone(c, false),
                "to_utc_timestamp");
        scalar(
                r,
                "_FUNC_(start, interval) - Returns the date or timestamp start plus the interval (year-month or"
                        + " day-time).",
                DateArithmeticFunctions::addInterval,
                "date_add_interval",
                "timestamp_add_interval");
        scalar(
                r,
                "_FUNC_(end, start) - Returns the day-time interval from timestamp start to timestamp end.",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.DayTimeIntervalType,
                            a -> Math.subtractExact((Long) a[0], (Long) a[1]),
                            c.timestamp(0),
                            c.timestamp(1));
                },
                "timestamp_diff_interval");
        scalar(
                r,
                "_FUNC_(end, start) - Returns the day-time interval of whole days from date start to date end.",
                c -> {
                    c.count(2);
                    return c.fn(
                            new DayTimeIntervalType(DayTimeIntervalType.DAY, DayTimeIntervalType.DAY),
                            a -> ((long) (Integer) a[0] - (Integer) a[1]) * DateTimes.MICROS_PER_DAY,
                            c.date(0),
                            c.date(1));
                },
                "date_diff_interval");
    }

    private static Expression dateAdd(Call c, int sign) {
        c.count(2);
        DataType days = c.type(1);
        boolean narrowInt = days.isIntegral() && !(days instanceof dev.ember.sql.types.LongType);
        if (!(narrowInt || days instanceof StringType || days instanceof NullType)) {
            throw c.mismatch(1, "INT, SMALLINT or TINYINT");
        }
        String where = c.sql();
        return c.fn(
                DataTypes.DateType,
                a -> {
                    try {
                        return Math.addExact((Integer) a[0], sign * (Integer) a[1]);
                    } catch (ArithmeticException e) {
                        throw MathFunctions.overflow(where, DataTypes.DateType);
                    }
                },
                c.date(0),
                c.integer(1));
    }

    private static Expression monthsBetween(Call c) {
        c.count(2, 3);
        Expression round = c.size() == 3 ? c.bool(2) : Literal.TRUE;
        ZoneId zone = ZoneId.of(c.timeZone());
        return c.fn(
                DataTypes.DoubleType,
                a -> monthsBetween((Long) a[0], (Long) a[1], (Boolean) a[2], zone),
                c.timestamp(0),
                c.timestamp(1),
                round);
    }

    static double monthsBetween(long micros1, long micros2, boolean roundOff, ZoneId zone) {
        LocalDateTime t1 = DateTimes.local(micros1, zone);
        LocalDateTime t2 = DateTimes.local(micros2, zone);
        LocalDate d1 = t1.toLocalDate();
        LocalDate d2 = t2.toLocalDate();
        int months = (d1.getYear() - d2.getYear()) * 12 + d1.getMonthValue() - d2.getMonthValue();
        boolean bothLast = d1.getDayOfMonth() == d1.lengthOfMonth() && d2.getDayOfMonth() == d2.lengthOfMonth();
        if (d1.getDayOfMonth() == d2.getDayOfMonth() || bothLast) {
            return months;
        }
        long seconds1 = (d1.getDayOfMonth() - 1L) * 86_400 + t1.toLocalTime().toSecondOfDay();
        long seconds2 = (d2.getDayOfMonth() - 1L) * 86_400 + t2.toLocalTime().toSecondOfDay();
        double result = months + (seconds1 - seconds2) / (31.0 * 86_400);
        if (!roundOff) {
            return result;
        }
        return BigDecimal.valueOf(result).setScale(8, RoundingMode.HALF_UP).doubleValue();
    }

    private static Expression nextDay(Call c) {
        c.count(2);
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                DataTypes.DateType,
                a -> {
                    DayOfWeek target = dayOfWeek((String) a[1]);
                    if (target == null) {
                        if (ansi) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "'" + a[1] + "' of " + where + " is not a day of the week; use MO, MON or MONDAY"
                                            + " and so on");
                        }
                        return null;
                    }
                    return (int) DateTimes.day((Integer) a[0])
                            .with(TemporalAdjusters.next(target))
                            .toEpochDay();
                },
                c.date(0),
                c.string(1));
    }

    static DayOfWeek dayOfWeek(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name();
            if (upper.equals(full) || upper.equals(full.substring(0, 2)) || upper.equals(full.substring(0, 3))) {
                return day;
            }
        }
        return null;
    }

    /** The unit of a truncation format, normalized; null when it names none. */
    static String truncUnit(String format) {
        return switch (format.strip().toUpperCase(Locale.ROOT)) {
            case "YEAR", "YYYY", "YY" -> "YEAR";
            case "QUARTER" -> "QUARTER";
            case "MONTH", "MM", "MON" -> "MONTH";
            case "WEEK" -> "WEEK";
            case "DAY", "DD" -> "DAY";
            case "HOUR" -> "HOUR";
            case "MINUTE" -> "MINUTE";
            case "SECOND" -> "SECOND";
            case "MILLISECOND" -> "MILLISECOND";
            case "MICROSECOND" -> "MICROSECOND";
            default -> null;
        };
    }

    /** {@code date} truncated to a date unit (YEAR, QUARTER, MONTH, WEEK), or null for another unit. */
    static LocalDate truncDate(LocalDate date, String unit) {
        if (unit == null) {
            return null;
        }
        return switch (unit) {
            case "YEAR" -> date.withDayOfYear(1);
            case "QUARTER" -> LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case "MONTH" -> date.withDayOfMonth(1);
            case "WEEK" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> null;
        };
    }

    private static Expression dateTrunc(Call c) {
        c.count(2);
        Expression ts = c.timestamp(1);
        ZoneId zone = DateTimes.zoneOf(ts.dataType(), c.timeZone());
        return c.fnNullable(
                ts.dataType(),
                a -> {
                    String unit = truncUnit((String) a[0]);
                    if (unit == null) {
                        return null;
                    }
                    LocalDateTime time = DateTimes.local((Long) a[1], zone);
                    LocalDate date = truncDate(time.toLocalDate(), unit);
                    LocalDateTime truncated;
                    if (date != null) {
                        truncated = date.atStartOfDay();
                    } else {
                        truncated = switch (unit) {
                            case "DAY" -> time.truncatedTo(ChronoUnit.DAYS);
                            case "HOUR" -> time.truncatedTo(ChronoUnit.HOURS);
                            case "MINUTE" -> time.truncatedTo(ChronoUnit.MINUTES);
                            case "SECOND" -> time.truncatedTo(ChronoUnit.SECONDS);
                            case "MILLISECOND" -> time.truncatedTo(ChronoUnit.MILLIS);
                            default -> time;
                        };
                    }
                    return DateTimes.micros(truncated, zone);
                },
                c.string(0),
                ts);
    }

    private static Expression trunc(Call c) {
        c.count(2);
        return c.fnNullable(
                DataTypes.DateType,
                a -> {
                    LocalDate date = truncDate(DateTimes.day((Integer) a[0]), truncUnit((String) a[1]));
                    return date == null ? null : (int) date.toEpochDay();
                },
                c.date(0),
                c.string(1));
    }

    private static Expression convertZone(Call c, boolean fromUtc) {
        c.count(2);
        ZoneId fixed = null;
        if (c.isConstant(1) && c.type(1) instanceof StringType) {
            Object value = c.constant(1);
            if (value != null) {
                fixed = DateTimes.zone((String) value, c.sql());
            }
        }
        ZoneId constantZone = fixed;
        String where = c.sql();
        return c.fn(
                DataTypes.TimestampType,
                a -> {
                    ZoneId other = constantZone != null ? constantZone : DateTimes.zone((String) a[1], where);
                    long micros = (Long) a[0];
                    return fromUtc
                            ? DateTimes.micros(DateTimes.local(micros, other), ZoneOffset.UTC)
                            : DateTimes.micros(DateTimes.local(micros, ZoneOffset.UTC), other);
                },
                c.as(0, DataTypes.TimestampType, "TIMESTAMP"),
                c.string(1));
    }

    private static Expression addInterval(Call c) {
        c.count(2);
        DataType interval = c.type(1);
        DataType start = c.type(0);
        String where = c.sql();
        if (interval instanceof YearMonthIntervalType) {
            if (start instanceof DateType) {
                return c.fn(
                        DataTypes.DateType,
                        a -> (int) DateTimes.day((Integer) a[0])
                                .plusMonths((Integer) a[1])
                                .toEpochDay(),
                        c.date(0),
                        c.arg(1));
            }
            Expression ts = c.timestamp(0);
            ZoneId zone = DateTimes.zoneOf(ts.dataType(), c.timeZone());
            return c.fn(
                    ts.dataType(),
                    a -> DateTimes.micros(DateTimes.local((Long) a[0], zone).plusMonths((Integer) a[1]), zone),
                    ts,
                    c.arg(1));
        }
        if (interval instanceof DayTimeIntervalType dayTime
                && dayTime.endField() == DayTimeIntervalType.DAY
                && (start instanceof DateType || start instanceof dev.ember.sql.types.StringType)) {
            // Whole days added to a date keep it a date, as in Spark: DATE '1998-12-01' - INTERVAL '90' DAY.
            return c.fn(
                    DataTypes.DateType,
                    a -> {
                        long days = (Long) a[1] / DateTimes.MICROS_PER_DAY;
                        long day = (Integer) a[0] + days;
                        if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
                            throw MathFunctions.overflow(where, DataTypes.DateType);
                        }
                        return (int) day;
                    },
                    c.date(0),
                    c.arg(1));
        }
        if (interval instanceof DayTimeIntervalType) {
            Expression ts = c.timestamp(0);
            return c.fn(
                    ts.dataType(),
                    a -> {
                        try {
                            return Math.addExact((Long) a[0], (Long) a[1]);
                        } catch (ArithmeticException e) {
                            throw MathFunctions.overflow(where, ts.dataType());
                        }
                    },
                    ts,
                    c.arg(1));
        }
        throw c.mismatch(1, "an INTERVAL");
    }
}
