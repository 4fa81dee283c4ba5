package dev.ember.sql.types;

/** A local date and time without a time zone, as microseconds since 1970-01-01T00:00. */
public record TimestampNTZType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "TIMESTAMP_NTZ";
    }

    @Override
    public String simpleString() {
        return "timestamp_ntz";
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "TimestampNTZType";
    }
}
