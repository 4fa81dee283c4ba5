package dev.ember.sql;

/** Rows made by hand, for {@code createDataFrame}: values as {@link Row} documents them. */
public final class RowFactory {
    private RowFactory() {}

    public static Row create(Object... values) {
        return Row.of(values);
    }
}
