package dev.ember.sql.execution;

import java.util.Arrays;

/**
 * The values of a row's key columns as one hashable value, for grouping, joins and set operations: keys are equal
 * when every value is (arrays by content; {@code -0.0} made {@code 0.0} so it equals {@code 0.0}, as SQL says; NaN
 * equals NaN). Nulls are values here; callers that must not match nulls (joins) skip such keys before.
 */
public final class RowKey {
    private final Object[] values;
    private final int hash;

    private RowKey(Object[] values) {
        this.values = values;
        this.hash = Arrays.deepHashCode(values);
    }

    /** A key over {@code values}, which the caller no longer changes. */
    public static RowKey of(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Double number && number == 0.0) {
                values[i] = 0.0;
            } else if (values[i] instanceof Float number && number == 0.0f) {
                values[i] = 0.0f;
            }
        }
        return new RowKey(values);
    }

    public Object get(int index) {
        return values[index];
    }

    public int size() {
        return values.length;
    }

    public boolean anyNull() {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKey key && key.hash == hash && Arrays.deepEquals(key.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
