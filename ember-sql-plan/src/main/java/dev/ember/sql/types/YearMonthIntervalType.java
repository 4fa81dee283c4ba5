package dev.ember.sql.types;

import java.util.Locale;

/**
 * A span of months (an ANSI year-month interval), with the fields it is written in, from {@code startField} to
 * {@code endField} ({@link #YEAR}, {@link #MONTH}): {@code interval year}, {@code interval month} or {@code interval
 * year to month}. Every value is held as a number of months.
 */
public record YearMonthIntervalType(int startField, int endField) implements DataType {
    private static final long serialVersionUID = 1L;

    public static final int YEAR = 0;
    public static final int MONTH = 1;

    public YearMonthIntervalType {
        if (startField < YEAR || endField > MONTH || startField > endField) {
            throw new IllegalArgumentException(
                    "No year-month interval type goes from field " + startField + " to field " + endField);
        }
    }

    /** {@code interval year to month}, the type of a year-month interval whose fields are not known. */
    public YearMonthIntervalType() {
        this(YEAR, MONTH);
    }

    /** The type covering the fields of both. */
    public YearMonthIntervalType widen(YearMonthIntervalType other) {
        return new YearMonthIntervalType(Math.min(startField, other.startField), Math.max(endField, other.endField));
    }

    @Override
    public String sql() {
        if (startField == endField) {
            return startField == YEAR ? "INTERVAL YEAR" : "INTERVAL MONTH";
        }
        return "INTERVAL YEAR TO MONTH";
    }

    @Override
    public String simpleString() {
        return sql().toLowerCase(Locale.ROOT);
    }

    @Override
    public int defaultSize() {
        return 4;
    }

    @Override
    public String toString() {
        return "YearMonthIntervalType(" + startField + "," + endField + ")";
    }
}
