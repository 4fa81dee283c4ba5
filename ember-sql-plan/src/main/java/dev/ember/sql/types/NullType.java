package dev.ember.sql.types;

/** The type of the untyped null literal: every value is null. */
public record NullType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "VOID";
    }

    @Override
    public String simpleString() {
        return "void";
    }

    @Override
    public int defaultSize() {
        return 1;
    }

    @Override
    public String toString() {
        return "NullType";
    }
}
