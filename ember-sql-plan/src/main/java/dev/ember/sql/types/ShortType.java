package dev.ember.sql.types;

/** A signed 16-bit integer. */
public record ShortType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "SMALLINT";
    }

    @Override
    public String simpleString() {
        return "smallint";
    }

    @Override
    public int defaultSize() {
        return 2;
    }

    @Override
    public String toString() {
        return "ShortType";
    }
}
