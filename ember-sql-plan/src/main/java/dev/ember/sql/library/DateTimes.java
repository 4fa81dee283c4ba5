package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.TimestampNTZType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Helpers shared by the date and time functions: conversions between days, microseconds and local date-times, and
 * the zone a timestamp is read in.
 */
final class DateTimes {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private DateTimes() {}

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
    static ZoneId zoneOf(DataType type, String session) {
        return type instanceof TimestampNTZType ? ZoneOffset.UTC : ZoneId.of(session);
    }

    static ZoneId zone(String name, String where) {
        try {
            return ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "'" + name + "' of " + where + " is not a time zone");
        }
    }
}
