package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * Date and time functions that give the current date and time, take dates and timestamps apart and make them from
 * their parts. Dates are days since 1970-01-01, timestamps microseconds since the epoch (UTC), read as local date-times
 * in the session's time zone; timestamp_ntz values are local date-times of no zone. Arithmetic is in {@link
 * DateArithmeticFunctions}, parsing and formatting in {@link DateFormatFunctions}.
 *
 * <p>{@code date_part(field, source)} and {@code extract(field, source)} (to which the parser maps {@code
 * EXTRACT(field FROM source)}) give int, except {@code SECOND}, which gives {@code decimal(8,6)} with the fraction,
 * as in Spark.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_() - Returns the current date at the start of query evaluation.",
                c -> {
                    c.count(0);
                    ZoneId zone = ZoneId.of(c.timeZone());
                    return c.fnNondeterministic(
                            DataTypes.DateType, a -> (int) LocalDate.now(zone).toEpochDay(), List.of());
                },
                "current_date",
                "curdate");
        scalar(
                r,
                "_FUNC_() - Returns the current timestamp at the start of query evaluation.",
                c -> {
                    c.count(0);
                    return c.fnNondeterministic(
                            DataTypes.TimestampType, a -> ValueText.instantToMicros(Instant.now()), List.of());
                },
                "current_timestamp",
                "now");
        scalar(
                r,
                "_FUNC_() - Returns the current timestamp without time zone at the start of query evaluation.",
                c -> {
                    c.count(0);
                    ZoneId zone = ZoneId.of(c.timeZone());
                    return c.fnNondeterministic(
                            DataTypes.TimestampNTZType, a -> DateTimes.ntzMicros(LocalDateTime.now(zone)), List.of());
                },
                "localtimestamp");
        scalar(
                r,
                "_FUNC_() - Returns the current session local timezone.",
                c -> {
                    c.count(0);
                    return Literal.of(c.timeZone());
                },
                "current_timezone");
        datePart(r, "year", "the year component of the date/timestamp", d -> d.getYear());
        datePart(
                r,
                "quarter",
                "the quarter of the year for date, in the range 1 to 4",
                d -> (d.getMonthValue() + 2) / 3);
        datePart(r, "month", "the month component of the date/timestamp", LocalDate::getMonthValue);
        datePart(r, "day", "the day of month of the date/timestamp", LocalDate::getDayOfMonth);
        datePart(r, "dayofmonth", "the day of month of the date/timestamp", LocalDate::getDayOfMonth);
        datePart(
                r,
                "dayofweek",
                "the day of the week for date/timestamp (1 = Sunday, ..., 7 = Saturday)",
                d -> d.getDayOfWeek().getValue() % 7 + 1);
        datePart(
                r,
                "weekday",
                "the day of the week for date/timestamp (0 = Monday, ..., 6 = Sunday)",
                d -> d.getDayOfWeek().getValue() - 1);
        datePart(r, "dayofyear", "the day of year of the date/timestamp", LocalDate::getDayOfYear);
        datePart(
                r,
                "weekofyear",
                "the ISO 8601 week of the year of the given date",
                d -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        timePart(r, "hour", "the hour component of the timestamp", LocalDateTime::getHour);
        timePart(r, "minute", "the minute component of the timestamp", LocalDateTime::getMinute);
        timePart(r, "second", "the second component of the timestamp", LocalDateTime::getSecond);
        scalar(
                r,
                "_FUNC_(year, month, day) - Create date from year, month and day fields.",
                DateTimeFunctions::makeDate,
                "make_date");
        scalar(
                r,
                "_FUNC_(year, month, day, hour, min, sec[, timezone]) - Create timestamp from year, month, day, hour,"
                        + " min, sec (with a fraction) and timezone fields.",
                DateTimeFunctions::makeTimestamp,
                "make_timestamp");
        scalar(
                r,
                "_FUNC_(field, source) - Extracts a part of the date/timestamp or interval source (YEAR, QUARTER,"
                        + " MONTH, WEEK, DAY, DAYOFWEEK, DOW, DOW_ISO, DOY, HOUR, MINUTE, SECOND...).",
                DateTimeFunctions::extract,
                "date_part",
                "datepart",
                "extract");
    }

    /** A part of a local date, as int. */
    @FunctionalInterface
    interface DateField extends Serializable {
        int of(LocalDate date);
    }

    /** A part of a local date-time, as int. */
    @FunctionalInterface
    interface TimeField extends Serializable {
        int of(LocalDateTime time);
    }

    private static void datePart(FunctionRegistry r, String name, String what, DateField field) {
        scalar(
                r,
                "_FUNC_(date) - Returns " + what + ".",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.IntegerType, a -> field.of(DateTimes.day((Integer) a[0])), c.date(0));
                },
                name);
    }

    private static void timePart(FunctionRegistry r, String name, String what, TimeField field) {
        scalar(
                r,
                "_FUNC_(timestamp) - Returns " + what + ".",
                c -> {
                    c.count(1);
                    Expression ts = c.timestamp(0);
                    ZoneId zone = DateTimes.zoneOf(ts.dataType(), c.timeZone());
                    return c.fn(DataTypes.IntegerType, a -> field.of(DateTimes.local((Long) a[0], zone)), ts);
                },
                name);
    }

    private static Expression makeDate(Call c) {
        c.count(3);
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                DataTypes.DateType,
                a -> {
                    try {
                        return (int) LocalDate.of((Integer) a[0], (Integer) a[1], (Integer) a[2])
                                .toEpochDay();
                    } catch (DateTimeException e) {
                        if (ansi) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT, "Invalid date in " + where + ": " + e.getMessage());
                        }
                        return null;
                    }
                },
                c.integer(0),
                c.integer(1),
                c.integer(2));
    }

    private static Expression makeTimestamp(Call c) {
        c.count(6, 7);
        DecimalType secondsType = new DecimalType(16, 6);
        Expression seconds = c.type(5).isNumeric()
                ? dev.ember.sql.analysis.ImplicitCasts.castIfNeeded(c.arg(5), secondsType, c.timeZone())
                : c.as(5, secondsType);
        Expression zoneArg = c.size() == 7 ? c.string(6) : Literal.of(c.timeZone());
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                DataTypes.TimestampType,
                a -> {
                    try {
                        BigDecimal sec = (BigDecimal) a[5];
                        int whole = sec.intValue();
                        int nanos = sec.subtract(BigDecimal.valueOf(whole))
                                .movePointRight(9)
                                .intValue();
                        boolean nextMinute = whole == 60 && nanos == 0;
                        LocalDateTime time = LocalDateTime.of(
                                (Integer) a[0],
                                (Integer) a[1],
                                (Integer) a[2],
                                (Integer) a[3],
                                (Integer) a[4],
                                nextMinute ? 0 : whole,
                                nanos);
                        if (nextMinute) {
                            time = time.plusMinutes(1);
                        }
                        return DateTimes.micros(time, ZoneId.of((String) a[6]));
                    } catch (DateTimeException | ArithmeticException e) {
                        if (ansi) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "Invalid timestamp in " + where + ": " + e.getMessage());
                        }
                        return null;
                    }
                },
                c.integer(0),
                c.integer(1),
                c.integer(2),
                c.integer(3),
                c.integer(4),
                seconds,
                zoneArg);
    }

    /** The canonical name of an EXTRACT field, or null for an unknown one. */
    static String extractField(String field) {
        return switch (field.strip().toUpperCase(Locale.ROOT)) {
            case "YEAR", "Y", "YEARS", "YR", "YRS" -> "YEAR";
            case "YEAROFWEEK" -> "YEAROFWEEK";
            case "QUARTER", "QTR" -> "QUARTER";
            case "MONTH", "MON", "MONS", "MONTHS" -> "MONTH";
            case "WEEK", "W", "WEEKS" -> "WEEK";
            case "DAY", "D", "DAYS" -> "DAY";
            case "DAYOFWEEK", "DOW" -> "DAYOFWEEK";
            case "DAYOFWEEK_ISO", "DOW_ISO" -> "DAYOFWEEK_ISO";
            case "DOY" -> "DOY";
            case "HOUR", "H", "HOURS", "HR", "HRS" -> "HOUR";
            case "MINUTE", "M", "MIN", "MINS", "MINUTES" -> "MINUTE";
            case "SECOND", "S", "SEC", "SECONDS", "SECS" -> "SECOND";
            default -> null;
        };
    }

    private static Expression extract(Call c) {
        c.count(2);
        Object fieldValue = c.constant(0);
        if (!(fieldValue instanceof String fieldText)) {
            throw c.mismatch(0, "a constant STRING naming a field");
        }
        String field = extractField(fieldText);
        if (field == null) {
            throw c.invalid("'" + fieldText + "' is not a field EXTRACT knows");
        }
        DataType sourceType = c.type(1);
        if (sourceType instanceof YearMonthIntervalType) {
            if (!field.equals("YEAR") && !field.equals("MONTH")) {
                throw c.invalid("A year-month interval has no field " + field);
            }
            boolean year = field.equals("YEAR");
            return c.fn(DataTypes.IntegerType, a -> year ? (Integer) a[0] / 12 : (Integer) a[0] % 12, c.arg(1));
        }
        if (sourceType instanceof DayTimeIntervalType) {
            return extractDayTime(c, field);
        }
        if (sourceType instanceof DateType
                && !List.of("HOUR", "MINUTE", "SECOND").contains(field)) {
            ScalarKernel kernel = a -> dateField(DateTimes.day((Integer) a[0]), field);
            return c.fn(DataTypes.IntegerType, kernel, c.arg(1));
        }
        Expression ts = c.timestamp(1);
        ZoneId zone = DateTimes.zoneOf(ts.dataType(), c.timeZone());
        if (field.equals("SECOND")) {
            return c.fn(
                    new DecimalType(8, 6),
                    a -> {
                        LocalDateTime time = DateTimes.local((Long) a[0], zone);
                        return BigDecimal.valueOf(time.getSecond() * 1_000_000L + time.getNano() / 1000, 6);
                    },
                    ts);
        }
        return c.fn(
                DataTypes.IntegerType,
                a -> {
                    LocalDateTime time = DateTimes.local((Long) a[0], zone);
                    return switch (field) {
                        case "HOUR" -> time.getHour();
                        case "MINUTE" -> time.getMinute();
                        default -> dateField(time.toLocalDate(), field);
                    };
                },
                ts);
    }

    private static int dateField(LocalDate date, String field) {
        return switch (field) {
            case "YEAR" -> date.getYear();
            case "YEAROFWEEK" -> date.get(IsoFields.WEEK_BASED_YEAR);
            case "QUARTER" -> (date.getMonthValue() + 2) / 3;
            case "MONTH" -> date.getMonthValue();
            case "WEEK" -> date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "DAY" -> date.getDayOfMonth();
            case "DAYOFWEEK" -> date.getDayOfWeek().getValue() % 7 + 1;
            case "DAYOFWEEK_ISO" -> date.getDayOfWeek().getValue();
            case "DOY" -> date.getDayOfYear();
            default -> 0;
        };
    }

    private static Expression extractDayTime(Call c, String field) {
        switch (field) {
            case "DAY":
                return c.fn(DataTypes.IntegerType, a -> (int) ((Long) a[0] / DateTimes.MICROS_PER_DAY), c.arg(1));
            case "HOUR":
                return c.fn(
                        DataTypes.IntegerType,
                        a -> (int) ((Long) a[0] % DateTimes.MICROS_PER_DAY / 3_600_000_000L),
                        c.arg(1));
            case "MINUTE":
                return c.fn(DataTypes.IntegerType, a -> (int) ((Long) a[0] % 3_600_000_000L / 60_000_000L), c.arg(1));
            case "SECOND":
                return c.fn(new DecimalType(8, 6), a -> BigDecimal.valueOf((Long) a[0] % 60_000_000L, 6), c.arg(1));
            default:
                throw c.invalid("A day-time interval has no field " + field);
        }
    }
}
