package dev.ember.sql.types;

/** An IEEE 754 single-precision number. */
public record FloatType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "FLOAT";
    }

    @Override
    public String simpleString() {
        return "float";
    }

    @Override
    public int defaultSize() {
        return 4;
    }

    @Override
    public String toString() {
        return "FloatType";
    }
}
