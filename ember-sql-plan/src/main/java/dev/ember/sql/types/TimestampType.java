package dev.ember.sql.types;

/** An instant, as microseconds since 1970-01-01T00:00Z, shown in the session's time zone. */
public record TimestampType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "TIMESTAMP";
    }

    @Override
    public String simpleString() {
        return "timestamp";
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "TimestampType";
    }
}
