package dev.ember.sql.types;

/** A span of microseconds (an ANSI day-time interval). */
public record DayTimeIntervalType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "INTERVAL DAY TO SECOND";
    }

    @Override
    public String simpleString() {
        return "interval day to second";
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "DayTimeIntervalType";
    }
}
