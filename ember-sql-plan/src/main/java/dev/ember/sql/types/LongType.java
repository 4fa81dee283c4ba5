package dev.ember.sql.types;

/** A signed 64-bit integer. */
public record LongType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "BIGINT";
    }

    @Override
    public String simpleString() {
        return "bigint";
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "LongType";
    }
}
