package dev.ember.sql.types;

/** A span of months (an ANSI year-month interval). */
public record YearMonthIntervalType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "INTERVAL YEAR TO MONTH";
    }

    @Override
    public String simpleString() {
        return "interval year to month";
    }

    @Override
    public int defaultSize() {
        return 4;
    }

    @Override
    public String toString() {
        return "YearMonthIntervalType";
    }
}
