package dev.ember.sql.types;

/** True or false. */
public record BooleanType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "BOOLEAN";
    }

    @Override
    public String simpleString() {
        return "boolean";
    }

    @Override
    public int defaultSize() {
        return 1;
    }

    @Override
    public String toString() {
        return "BooleanType";
    }
}
