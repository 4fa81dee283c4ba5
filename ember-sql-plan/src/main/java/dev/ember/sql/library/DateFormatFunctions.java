package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * Date and time functions that format, parse and convert to and from Unix time. Formats use Spark's pattern
 * letters, which {@link DateTimeFormatter} reads alike for the common ones ({@code yyyy-MM-dd HH:mm:ss.SSS}, {@code
 * E}, {@code a}, {@code XXX}).
 */
final class DateFormatFunctions {
    private DateFormatFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(timestamp, fmt) - Converts timestamp to a value of string in the format specified by the date"
                        + " format fmt.",
                DateFormatFunctions::dateFormat,
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
                "_FUNC_(timestamp_str[, fmt]) - Parses the timestamp_str expression with the fmt expression to a"
                        + " timestamp; null where it does not parse.",
                DateFormatFunctions::tryParse,
                "try_to_timestamp");
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
                DateFormatFunctions::fromUnixtime,
                "from_unixtime");
        scalar(
                r,
                "_FUNC_(timestamp) - Returns the number of seconds since 1970-01-01 00:00:00 UTC.",
                c -> unixPart(c, DateTimes.MICROS_PER_SECOND),
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
                DateFormatFunctions::timestampSeconds,
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
        ZoneId zone = DateTimes.zoneOf(ts.dataType(), c.timeZone());
        Formatter fixed = fixedFormatter(c, 1);
        return c.fn(
                DataTypes.StringType,
                a -> formatter(fixed, a[1]).format(DateTimes.local((Long) a[0], zone)),
                ts,
                c.string(1));
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
        return DateTimes.micros(LocalDateTime.of(date, time), named != null ? named : zone);
    }

    private static EmberException cannotParse(Object text, Object pattern, String where) {
        return new EmberException(
                ErrorClass.CAST_INVALID_INPUT,
                "The text '" + text + "' does not fit the pattern '" + pattern + "' in " + where
                        + "; correct the value or the pattern, or use try_to_timestamp to get null");
    }

    /** to_timestamp over the arguments' values, with a value that does not parse giving null. */
    private static Expression tryParse(Call c) {
        c.count(1, 2);
        List<Expression> slots = new java.util.ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            slots.add(new dev.ember.sql.expressions.BoundReference(i, c.type(i), true));
        }
        Expression parsed = parse(new Call("to_timestamp", slots, c.context), false);
        return new dev.ember.sql.expressions.ScalarFunction(
                c.name, c.args, DataTypes.TimestampType, false, true, true, a -> {
                    try {
                        return parsed.eval(dev.ember.sql.expressions.InternalRow.of(a));
                    } catch (dev.ember.EmberException e) {
                        return null;
                    }
                });
    }

    private static Expression parse(Call c, boolean toDate) {
        c.count(1, 2);
        DataType target = toDate ? DataTypes.DateType : DataTypes.TimestampType;
        if (c.size() == 1) {
            if (c.type(0) instanceof StringType || c.isDatetime(0) || c.type(0) instanceof NullType) {
                if (c.type(0).equals(target)) {
                    return c.arg(0);
                }
                // A call of its own rather than a bare cast, so that the column keeps the function's name.
                DataType from = c.type(0);
                ZoneId castZone = ZoneId.of(c.timeZone());
                String where = c.sql();
                return c.fn(
                        target,
                        a -> dev.ember.sql.expressions.Casts.cast(a[0], from, target, castZone, where),
                        c.arg(0));
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
                                ? (Object) (int) DateTimes.local(micros, zone)
                                        .toLocalDate()
                                        .toEpochDay()
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
            return c.fn(DataTypes.LongType, a -> Math.floorDiv((Long) a[0], DateTimes.MICROS_PER_SECOND), ts);
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
                                parseMicros((String) a[0], formatter(fixed, a[1]), zone), DateTimes.MICROS_PER_SECOND);
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
                        return Math.multiplyExact(((Number) v).longValue(), DateTimes.MICROS_PER_SECOND);
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
}
