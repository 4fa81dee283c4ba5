package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * Date and time functions. Dates are days since 1970-01-01, timestamps microseconds since the epoch (UTC), read as
 * local date-times in the session's time zone; timestamp_ntz values are local date-times of no zone. Formats use
 * Spark's pattern letters, which {@link DateTimeFormatter} reads alike for the common ones ({@code yyyy-MM-dd
 * HH:mm:ss.SSS}, {@code E}, {@code a}, {@code XXX}).
 *
 * <p>{@code date_part(field, source)} and {@code extract(field, source)} (to which the parser maps {@code
 * EXTRACT(field FROM source)}) give int, except {@code SECOND}, which gives {@code decimal(8,6)} with the fraction,
 * as in Spark.
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
final class DateTimeFunctions {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

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
                            DataTypes.TimestampNTZType, a -> ntzMicros(LocalDateTime.now(zone)), List.of());
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
                            a -> (int) day((Integer) a[0])
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
                DateTimeFunctions::monthsBetween,
                "months_between");
        scalar(
                r,
                "_FUNC_(date) - Returns the last day of the month which the date belongs to.",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.DateType,
                            a -> (int) day((Integer) a[0])
                                    .with(TemporalAdjusters.lastDayOfMonth())
                                    .toEpochDay(),
                            c.date(0));
                },
                "last_day");
        scalar(
                r,
                "_FUNC_(start_date, day_of_week) - Returns the first date which is later than start_date and named"
                        + " as indicated ('MO', 'MON' or 'MONDAY', ...).",
                DateTimeFunctions::nextDay,
                "next_day");
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
                "_FUNC_(timestamp, fmt) - Converts timestamp to a value of string in the format specified by the date"
                        + " format fmt.",
                DateTimeFunctions::dateFormat,
                "date_format");
        scalar(
                r,
                "_FUNC_(date_str[, fmt]) - Parses the date_str expression with the fmt expression to a date.",
                c -> parse(c, true),
                "to_date");
        scalar(
                r,
                "_FUNC_(timestamp_str[, fmt]) - Parses the timestamp_str expression with the fmt expression to a"
                        + " timestamp.",
                c -> parse(c, false),
                "to_timestamp");
        scalar(
                r,
                "_FUNC_([timeExp[, fmt]]) - Returns the UNIX timestamp of current or specified time, in seconds.",
                c -> unixTimestamp(c, true),
                "unix_timestamp");
        scalar(
                r,
                "_FUNC_(timeExp[, fmt]) - Returns the UNIX timestamp of the given time, in seconds.",
                c -> unixTimestamp(c, false),
                "to_unix_timestamp");
        scalar(
                r,
                "_FUNC_(unix_time[, fmt]) - Returns unix_time (seconds) in the specified fmt ('yyyy-MM-dd HH:mm:ss'"
                        + " by default).",
                DateTimeFunctions::fromUnixtime,
                "from_unixtime");
        scalar(
                r,
                "_FUNC_(timestamp) - Returns the number of seconds since 1970-01-01 00:00:00 UTC.",
                c -> unixPart(c, MICROS_PER_SECOND),
                "unix_seconds");
        scalar(
                r,
                "_FUNC_(timestamp) - Returns the number of milliseconds since 1970-01-01 00:00:00 UTC.",
                c -> unixPart(c, 1000L),
                "unix_millis");
        scalar(
                r,
                "_FUNC_(timestamp) - Returns the number of microseconds since 1970-01-01 00:00:00 UTC.",
                c -> unixPart(c, 1L),
                "unix_micros");
        scalar(
                r,
                "_FUNC_(date) - Returns the number of days since 1970-01-01.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.IntegerType, a -> a[0], c.date(0));
                },
                "unix_date");
        scalar(
                r,
                "_FUNC_(days) - Returns the date from the number of days since 1970-01-01.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.DateType, a -> a[0], c.integer(0));
                },
                "date_from_unix_date");
        scalar(
                r,
                "_FUNC_(seconds) - Creates timestamp from the number of seconds (can be fractional) since UTC epoch.",
                DateTimeFunctions::timestampSeconds,
                "timestamp_seconds");
        scalar(
                r,
                "_FUNC_(milliseconds) - Creates timestamp from the number of milliseconds since UTC epoch.",
                c -> timestampFrom(c, 1000L),
                "timestamp_millis");
        scalar(
                r,
                "_FUNC_(microseconds) - Creates timestamp from the number of microseconds since UTC epoch.",
                c -> timestampFrom(c, 1L),
                "timestamp_micros");
        scalar(
                r,
                "_FUNC_(fmt, ts) - Returns timestamp ts truncated to the unit specified by the format model fmt"
                        + " ('YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND',"
                        + " 'MICROSECOND').",
                DateTimeFunctions::dateTrunc,
                "date_trunc");
        scalar(
                r,
                "_FUNC_(date, fmt) - Returns date with the time portion of the day truncated to the unit specified by"
                        + " the format model fmt ('YEAR', 'QUARTER', 'MONTH', 'WEEK').",
                DateTimeFunctions::trunc,
                "trunc");
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
                DateTimeFunctions::addInterval,
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
                            DataTypes.DayTimeIntervalType,
                            a -> ((long) (Integer) a[0] - (Integer) a[1]) * MICROS_PER_DAY,
                            c.date(0),
                            c.date(1));
                },
                "date_diff_interval");
    }

    static LocalDate day(int days) {
        return LocalDate.ofEpochDay(days);
    }

    static LocalDateTime local(long micros, ZoneId zone) {
        return LocalDateTime.ofInstant(ValueText.microsToInstant(micros), zone);
    }

    static long micros(LocalDateTime local, ZoneId zone) {
        return ValueText.instantToMicros(local.atZone(zone).toInstant());
    }

    static long ntzMicros(LocalDateTime local) {
        return ValueText.instantToMicros(local.toInstant(ZoneOffset.UTC));
    }

    /** The zone a timestamp argument of {@code type} is read in: the session's, or UTC for timestamp_ntz. */
    private static ZoneId zoneOf(DataType type, String session) {
        return type instanceof TimestampNTZType ? ZoneOffset.UTC : ZoneId.of(session);
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
        LocalDateTime t1 = local(micros1, zone);
        LocalDateTime t2 = local(micros2, zone);
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
                    return (int) day((Integer) a[0])
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
                    return c.fn(DataTypes.IntegerType, a -> field.of(day((Integer) a[0])), c.date(0));
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
                    ZoneId zone = zoneOf(ts.dataType(), c.timeZone());
                    return c.fn(DataTypes.IntegerType, a -> field.of(local((Long) a[0], zone)), ts);
                },
                name);
    }

    /**
     * A {@link DateTimeFormatter} of a Spark pattern, made when first used: formatters are not serializable, so the
     * kernel carries the pattern and each copy builds its formatter once.
     */
    static final class Formatter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String pattern;
        private transient DateTimeFormatter formatter;

        Formatter(String pattern) {
            this.pattern = pattern;
        }

        synchronized DateTimeFormatter get() {
            if (formatter == null) {
                formatter = of(pattern);
            }
            return formatter;
        }

        static DateTimeFormatter of(String pattern) {
            try {
                return DateTimeFormatter.ofPattern(pattern, Locale.US);
            } catch (IllegalArgumentException e) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "'" + pattern + "' is not a valid datetime pattern: " + e.getMessage());
            }
        }
    }

    /** The formatter of a constant pattern argument, checked now; null when the pattern varies by row. */
    private static Formatter fixedFormatter(Call c, int index) {
        if (c.isConstant(index) && c.type(index) instanceof StringType) {
            Object value = c.constant(index);
            if (value != null) {
                Formatter formatter = new Formatter((String) value);
                formatter.get();
                return formatter;
            }
        }
        return null;
    }

    private static DateTimeFormatter formatter(Formatter fixed, Object pattern) {
        return fixed != null ? fixed.get() : Formatter.of((String) pattern);
    }

    private static Expression dateFormat(Call c) {
        c.count(2);
        Expression ts = c.timestamp(0);
        ZoneId zone = zoneOf(ts.dataType(), c.timeZone());
        Formatter fixed = fixedFormatter(c, 1);
        return c.fn(
                DataTypes.StringType, a -> formatter(fixed, a[1]).format(local((Long) a[0], zone)), ts, c.string(1));
    }

    /**
     * Microseconds of {@code text} parsed with {@code formatter}, fields it lacks defaulting to 1970-01-01 00:00:00,
     * read in {@code zone} unless the text names a zone or offset.
     */
    static long parseMicros(String text, DateTimeFormatter formatter, ZoneId zone) {
        TemporalAccessor parsed = formatter.parse(text);
        int year = parsed.isSupported(ChronoField.YEAR)
                ? parsed.get(ChronoField.YEAR)
                : parsed.isSupported(ChronoField.YEAR_OF_ERA) ? parsed.get(ChronoField.YEAR_OF_ERA) : 1970;
        LocalDate date;
        if (!parsed.isSupported(ChronoField.DAY_OF_MONTH) && parsed.isSupported(ChronoField.DAY_OF_YEAR)) {
            date = LocalDate.ofYearDay(year, parsed.get(ChronoField.DAY_OF_YEAR));
        } else {
            date = LocalDate.of(
                    year,
                    parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1,
                    parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1);
        }
        int hour;
        if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            hour = parsed.get(ChronoField.HOUR_OF_DAY);
        } else if (parsed.isSupported(ChronoField.HOUR_OF_AMPM)) {
            hour = parsed.get(ChronoField.HOUR_OF_AMPM)
                    + (parsed.isSupported(ChronoField.AMPM_OF_DAY) ? 12 * parsed.get(ChronoField.AMPM_OF_DAY) : 0);
        } else {
            hour = 0;
        }
        LocalTime time = LocalTime.of(
                hour,
                parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0,
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
        ZoneId named = parsed.query(TemporalQueries.zone());
        return micros(LocalDateTime.of(date, time), named != null ? named : zone);
    }

    private static EmberException cannotParse(Object text, Object pattern, String where) {
        return new EmberException(
                ErrorClass.CAST_INVALID_INPUT,
                "The text '" + text + "' does not fit the pattern '" + pattern + "' in " + where
                        + "; correct the value or the pattern, or use try_to_timestamp to get null");
    }

    private static Expression parse(Call c, boolean toDate) {
        c.count(1, 2);
        DataType target = toDate ? DataTypes.DateType : DataTypes.TimestampType;
        if (c.size() == 1) {
            if (c.type(0) instanceof StringType || c.isDatetime(0) || c.type(0) instanceof NullType) {
                return dev.ember.sql.analysis.ImplicitCasts.castIfNeeded(c.arg(0), target, c.timeZone());
            }
            if (!toDate && c.type(0).isNumeric()) {
                return new Cast(c.arg(0), target, false, c.timeZone());
            }
            throw c.mismatch(0, toDate ? "STRING, DATE or TIMESTAMP" : "STRING, DATE, TIMESTAMP or NUMERIC");
        }
        if (c.isDatetime(0)) {
            return dev.ember.sql.analysis.ImplicitCasts.castIfNeeded(c.arg(0), target, c.timeZone());
        }
        Formatter fixed = fixedFormatter(c, 1);
        ZoneId zone = ZoneId.of(c.timeZone());
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                target,
                a -> {
                    try {
                        long micros = parseMicros((String) a[0], formatter(fixed, a[1]), zone);
                        return toDate
                                ? (Object)
                                        (int) local(micros, zone).toLocalDate().toEpochDay()
                                : (Object) micros;
                    } catch (DateTimeException e) {
                        if (ansi) {
                            throw cannotParse(a[0], a[1], where);
                        }
                        return null;
                    }
                },
                c.string(0),
                c.string(1));
    }

    private static Expression unixTimestamp(Call c, boolean mayBeNow) {
        c.count(mayBeNow ? 0 : 1, 2);
        if (c.size() == 0) {
            return c.fnNondeterministic(DataTypes.LongType, a -> Instant.now().getEpochSecond(), List.of());
        }
        if (c.isDatetime(0)) {
            Expression ts = c.timestamp(0);
            return c.fn(DataTypes.LongType, a -> Math.floorDiv((Long) a[0], MICROS_PER_SECOND), ts);
        }
        Expression pattern = c.size() == 2 ? c.string(1) : Literal.of("yyyy-MM-dd HH:mm:ss");
        Formatter fixed = c.size() == 2 ? fixedFormatter(c, 1) : new Formatter("yyyy-MM-dd HH:mm:ss");
        ZoneId zone = ZoneId.of(c.timeZone());
        boolean ansi = c.context.ansi();
        String where = c.sql();
        return c.fnNullable(
                DataTypes.LongType,
                a -> {
                    try {
                        return Math.floorDiv(
                                parseMicros((String) a[0], formatter(fixed, a[1]), zone), MICROS_PER_SECOND);
                    } catch (DateTimeException e) {
                        if (ansi) {
                            throw cannotParse(a[0], a[1], where);
                        }
                        return null;
                    }
                },
                c.string(0),
                pattern);
    }

    private static Expression fromUnixtime(Call c) {
        c.count(1, 2);
        Expression pattern = c.size() == 2 ? c.string(1) : Literal.of("yyyy-MM-dd HH:mm:ss");
        Formatter fixed = c.size() == 2 ? fixedFormatter(c, 1) : new Formatter("yyyy-MM-dd HH:mm:ss");
        ZoneId zone = ZoneId.of(c.timeZone());
        return c.fn(
                DataTypes.StringType,
                a -> formatter(fixed, a[1]).format(LocalDateTime.ofInstant(Instant.ofEpochSecond((Long) a[0]), zone)),
                c.bigint(0),
                pattern);
    }

    private static Expression unixPart(Call c, long unit) {
        c.count(1);
        return c.fn(DataTypes.LongType, a -> Math.floorDiv((Long) a[0], unit), c.timestamp(0));
    }

    private static Expression timestampSeconds(Call c) {
        c.count(1);
        Expression seconds = c.numeric(0);
        String where = c.sql();
        return c.fn(
                DataTypes.TimestampType,
                a -> {
                    Object v = a[0];
                    try {
                        if (v instanceof BigDecimal decimal) {
                            return decimal.movePointRight(6)
                                    .setScale(0, RoundingMode.DOWN)
                                    .longValueExact();
                        }
                        if (v instanceof Double || v instanceof Float) {
                            double d = ((Number) v).doubleValue();
                            if (!Double.isFinite(d) || Math.abs(d) > Long.MAX_VALUE / 1e6) {
                                throw new ArithmeticException();
                            }
                            return (long) (d * 1e6);
                        }
                        return Math.multiplyExact(((Number) v).longValue(), MICROS_PER_SECOND);
                    } catch (ArithmeticException e) {
                        throw MathFunctions.overflow(where, DataTypes.TimestampType);
                    }
                },
                seconds);
    }

    private static Expression timestampFrom(Call c, long unit) {
        c.count(1);
        String where = c.sql();
        return c.fn(
                DataTypes.TimestampType,
                a -> {
                    try {
                        return Math.multiplyExact((Long) a[0], unit);
                    } catch (ArithmeticException e) {
                        throw MathFunctions.overflow(where, DataTypes.TimestampType);
                    }
                },
                c.bigint(0));
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
        ZoneId zone = zoneOf(ts.dataType(), c.timeZone());
        return c.fnNullable(
                ts.dataType(),
                a -> {
                    String unit = truncUnit((String) a[0]);
                    if (unit == null) {
                        return null;
                    }
                    LocalDateTime time = local((Long) a[1], zone);
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
                    return micros(truncated, zone);
                },
                c.string(0),
                ts);
    }

    private static Expression trunc(Call c) {
        c.count(2);
        return c.fnNullable(
                DataTypes.DateType,
                a -> {
                    LocalDate date = truncDate(day((Integer) a[0]), truncUnit((String) a[1]));
                    return date == null ? null : (int) date.toEpochDay();
                },
                c.date(0),
                c.string(1));
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
                        return micros(time, ZoneId.of((String) a[6]));
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
            ScalarKernel kernel = a -> dateField(day((Integer) a[0]), field);
            return c.fn(DataTypes.IntegerType, kernel, c.arg(1));
        }
        Expression ts = c.timestamp(1);
        ZoneId zone = zoneOf(ts.dataType(), c.timeZone());
        if (field.equals("SECOND")) {
            return c.fn(
                    new DecimalType(8, 6),
                    a -> {
                        LocalDateTime time = local((Long) a[0], zone);
                        return BigDecimal.valueOf(time.getSecond() * 1_000_000L + time.getNano() / 1000, 6);
                    },
                    ts);
        }
        return c.fn(
                DataTypes.IntegerType,
                a -> {
                    LocalDateTime time = local((Long) a[0], zone);
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
                return c.fn(DataTypes.IntegerType, a -> (int) ((Long) a[0] / MICROS_PER_DAY), c.arg(1));
            case "HOUR":
                return c.fn(
                        DataTypes.IntegerType, a -> (int) ((Long) a[0] % MICROS_PER_DAY / 3_600_000_000L), c.arg(1));
            case "MINUTE":
                return c.fn(DataTypes.IntegerType, a -> (int) ((Long) a[0] % 3_600_000_000L / 60_000_000L), c.arg(1));
            case "SECOND":
                return c.fn(new DecimalType(8, 6), a -> BigDecimal.valueOf((Long) a[0] % 60_000_000L, 6), c.arg(1));
            default:
                throw c.invalid("A day-time interval has no field " + field);
        }
    }

    private static Expression convertZone(Call c, boolean fromUtc) {
        c.count(2);
        ZoneId fixed = null;
        if (c.isConstant(1) && c.type(1) instanceof StringType) {
            Object value = c.constant(1);
            if (value != null) {
                fixed = zone((String) value, c.sql());
            }
        }
        ZoneId constantZone = fixed;
        String where = c.sql();
        return c.fn(
                DataTypes.TimestampType,
                a -> {
                    ZoneId other = constantZone != null ? constantZone : zone((String) a[1], where);
                    long micros = (Long) a[0];
                    return fromUtc
                            ? micros(local(micros, other), ZoneOffset.UTC)
                            : micros(local(micros, ZoneOffset.UTC), other);
                },
                c.as(0, DataTypes.TimestampType, "TIMESTAMP"),
                c.string(1));
    }

    static ZoneId zone(String name, String where) {
        try {
            return ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "'" + name + "' of " + where + " is not a time zone");
        }
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
                        a -> (int)
                                day((Integer) a[0]).plusMonths((Integer) a[1]).toEpochDay(),
                        c.date(0),
                        c.arg(1));
            }
            Expression ts = c.timestamp(0);
            ZoneId zone = zoneOf(ts.dataType(), c.timeZone());
            return c.fn(
                    ts.dataType(),
                    a -> micros(local((Long) a[0], zone).plusMonths((Integer) a[1]), zone),
                    ts,
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
