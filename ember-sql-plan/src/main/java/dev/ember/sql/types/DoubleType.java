package dev.ember.sql.types;

/** An IEEE 754 double-precision number. */
public record DoubleType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "DOUBLE";
    }

    @Override
    public String simpleString() {
        return "double";
    }

    @Override
    public int defaultSize() {
        return 8;
    }

    @Override
    public String toString() {
        return "DoubleType";
    }
}
