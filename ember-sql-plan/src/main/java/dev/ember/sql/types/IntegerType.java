package dev.ember.sql.types;

/** A signed 32-bit integer. */
public record IntegerType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "INT";
    }

    @Override
    public String simpleString() {
        return "int";
    }

    @Override
    public int defaultSize() {
        return 4;
    }

    @Override
    public String toString() {
        return "IntegerType";
    }
}
