package dev.ember.sql.types;

import java.util.Locale;

/**
 * A span of microseconds (an ANSI day-time interval), with the fields it is written in, from {@code startField} to
 * {@code endField} ({@link #DAY}, {@link #HOUR}, {@link #MINUTE}, {@link #SECOND}), as in Spark: {@code INTERVAL '3'
 * DAY} is an {@code interval day}, {@code INTERVAL '1 02' DAY TO HOUR} an {@code interval day to hour}. The fields
 * decide how a value is shown and what a cast to the type truncates; every value is held as microseconds.
 */
public record DayTimeIntervalType(int startField, int endField) implements DataType {
    private static final long serialVersionUID = 1L;

    public static final int DAY = 0;
    public static final int HOUR = 1;
    public static final int MINUTE = 2;
    public static final int SECOND = 3;

    private static final String[] NAMES = {"DAY", "HOUR", "MINUTE", "SECOND"};

    public DayTimeIntervalType {
        if (startField < DAY || endField > SECOND || startField > endField) {
            throw new IllegalArgumentException(
                    "No day-time interval type goes from field " + startField + " to field " + endField);
        }
    }

    /** {@code interval day to second}, the type of a day-time interval whose fields are not known. */
    public DayTimeIntervalType() {
        this(DAY, SECOND);
    }

    /** The microseconds in one unit of {@code field}. */
    public static long unitMicros(int field) {
        return switch (field) {
            case DAY -> 86_400_000_000L;
            case HOUR -> 3_600_000_000L;
            case MINUTE -> 60_000_000L;
            default -> 1_000_000L;
        };
    }

    /** The type covering the fields of both: from the larger start to the smaller end. */
    public DayTimeIntervalType widen(DayTimeIntervalType other) {
        return new DayTimeIntervalType(Math.min(startField, other.startField), Math.max(endField, other.endField));
    }

    @Override
    public String sql() {
        return startField == endField
                ? "INTERVAL " + NAMES[startField]
                : "INTERVAL " + NAMES[startField] + " TO " + NAMES[endField];
    }

    @Override
    public String simpleString() {
        return sql().toLowerCase(Locale.ROOT);
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "DayTimeIntervalType(" + startField + "," + endField + ")";
    }
}
