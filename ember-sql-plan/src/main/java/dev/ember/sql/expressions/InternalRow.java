package dev.ember.sql.expressions;

import java.util.Arrays;

/**
 * One row as the engine holds it: a value per column, in the internal representation of the column's type. Used where
 * rows are evaluated one at a time (constant folding, the reference semantics of {@link Expression#eval}); the
 * executing engine works on column batches instead.
 */
public final class InternalRow implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The row of no columns, which expressions that read no column are evaluated on. */
    public static final InternalRow EMPTY = new InternalRow(new Object[0]);

    private final Object[] values;

    private InternalRow(Object[] values) {
        this.values = values;
    }

    /** A row over {@code values}, which the caller no longer changes. */
    public static InternalRow of(Object... values) {
        return new InternalRow(values);
    }

    public Object get(int ordinal) {
        return values[ordinal];
    }

    public int numFields() {
        return values.length;
    }

    /** A copy of the values. */
    public Object[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InternalRow row && Arrays.deepEquals(row.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
