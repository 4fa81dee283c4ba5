package dev.ember.sql.types;

/** A sequence of bytes. */
public record BinaryType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "BINARY";
    }

    @Override
    public String simpleString() {
        return "binary";
    }

    @Override
    public int defaultSize() {
        return 100;
    }

    @Override
    public String toString() {
        return "BinaryType";
    }
}
