package dev.ember.sql.types;

/** A signed 8-bit integer. */
public record ByteType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "TINYINT";
    }

    @Override
    public String simpleString() {
        return "tinyint";
    }

    @Override
    public int defaultSize() {
        return 1;
    }

    @Override
    public String toString() {
        return "ByteType";
    }
}
