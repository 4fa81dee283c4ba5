package dev.ember.sql.types;

/** A calendar date without a time zone, as days since 1970-01-01. */
public record DateType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "DATE";
    }

    @Override
    public String simpleString() {
        return "date";
    }

    @Override
    public int defaultSize() {
        return 4;
    }

    @Override
    public String toString() {
        return "DateType";
    }
}
