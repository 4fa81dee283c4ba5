package dev.ember.sql.types;

/** Unicode text, held as UTF-8 in column vectors. */
public record StringType() implements DataType {
    private static final long serialVersionUID = 1L;

    @Override
    public String sql() {
        return "STRING";
    }

    @Override
    public String simpleString() {
        return "string";
    }

    @Override
    public int defaultSize() {
        return 20;
    }

    @Override
    public String toString() {
        return "StringType";
    }
}
