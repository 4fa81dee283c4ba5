package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.DataTypes;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Dates and timestamps as the text formats read and write them: the options {@code dateFormat}, {@code
 * timestampFormat}, {@code timestampNTZFormat} (java.time patterns) and {@code timeZone} (UTC by default). Without a
 * pattern, dates and timestamps are read as a cast from string reads them and written in ISO 8601 ({@code
 * 2024-01-02}, {@code 2024-01-02T03:04:05.123456Z}). Made per reader or writer; not thread-safe parsers are not held.
 */
public final class TemporalFormats {
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter ISO_TIMESTAMP_NTZ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);

    private final ZoneId zone;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter timestampFormat;
    private final DateTimeFormatter timestampNtzFormat;

    public TemporalFormats(SourceOptions options) {
        this.zone = zoneOf(options);
        this.dateFormat = pattern(options, "dateFormat");
        this.timestampFormat = pattern(options, "timestampFormat");
        this.timestampNtzFormat = pattern(options, "timestampNTZFormat");
    }

    /** The zone of the {@code timeZone} option, UTC by default. */
    public static ZoneId zoneOf(SourceOptions options) {
        String name = options.get("timeZone", "UTC");
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The option timeZone names no zone: '" + name + "'");
        }
    }

    private static DateTimeFormatter pattern(SourceOptions options, String key) {
        if (!options.contains(key)) {
            return null;
        }
        String pattern = options.get(key, "");
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The option " + key + " is not a valid pattern: '" + pattern + "' (" + e.getMessage() + ")");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** Days since the epoch of {@code text}; throws an unchecked exception when it does not parse. */
    public int parseDate(String text) {
        if (dateFormat != null) {
            TemporalAccessor parsed = dateFormat.parse(text);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                throw new DateTimeException("no date in " + text);
            }
            return (int) date.toEpochDay();
        }
        int strict = strictIsoDate(text);
        if (strict != Integer.MIN_VALUE) {
            return strict;
        }
        String trimmed = text.strip();
        return Casts.parseDate(trimmed, text, "a date value");
    }

    /**
     * Whether {@code text} is a date as the {@code dateFormat} option writes it ({@code yyyy-MM-dd} by default),
     * for schema inference.
     */
    public boolean isDate(String text) {
        if (dateFormat == null) {
            return strictIsoDate(text) != Integer.MIN_VALUE;
        }
        try {
            TemporalAccessor parsed = dateFormat.parse(text);
            return parsed.query(TemporalQueries.localDate()) != null
                    && parsed.query(TemporalQueries.localTime()) == null;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Days of a {@code yyyy-MM-dd} date, or {@link Integer#MIN_VALUE} when it is not one. */
    private static int strictIsoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return Integer.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return Integer.MIN_VALUE;
        }
        try {
            return (int) LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Microseconds since the epoch of a timestamp; throws an unchecked exception when it does not parse. */
    public long parseTimestamp(String text) {
        if (timestampFormat != null) {
            return parseWith(timestampFormat, text, zone);
        }
        return Casts.parseTimestamp(text.strip(), text, DataTypes.TimestampType, zone, "a timestamp value");
    }

    /** Microseconds of a timestamp without time zone; throws an unchecked exception when it does not parse. */
    public long parseTimestampNtz(String text) {
        if (timestampNtzFormat != null) {
            return parseWith(timestampNtzFormat, text, ZoneOffset.UTC);
        }
        return Casts.parseTimestamp(text.strip(), text, DataTypes.TimestampNTZType, ZoneOffset.UTC, "a timestamp");
    }

    /** Whether {@code text} reads as a timestamp, for schema inference. */
    public boolean isTimestamp(String text) {
        try {
            parseTimestamp(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long parseWith(DateTimeFormatter format, String text, ZoneId defaultZone) {
        TemporalAccessor parsed = format.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("no date in " + text);
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        ZoneId parsedZone = parsed.query(TemporalQueries.zone());
        LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
        return ValueText.instantToMicros(
                local.atZone(parsedZone == null ? defaultZone : parsedZone).toInstant());
    }

    public String formatDate(int days) {
        LocalDate date = LocalDate.ofEpochDay(days);
        return dateFormat == null ? date.toString() : dateFormat.format(date);
    }

    public String formatTimestamp(long micros) {
        DateTimeFormatter format = timestampFormat == null ? ISO_TIMESTAMP : timestampFormat;
        return format.format(ValueText.microsToInstant(micros).atZone(zone));
    }

    public String formatTimestampNtz(long micros) {
        DateTimeFormatter format = timestampNtzFormat == null ? ISO_TIMESTAMP_NTZ : timestampNtzFormat;
        return format.format(LocalDateTime.ofInstant(ValueText.microsToInstant(micros), ZoneOffset.UTC));
    }
}
