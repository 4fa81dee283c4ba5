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

    /** The values of the lambda parameters in scope while a higher-order function evaluates its function; or null. */
    private final LambdaScope scope;

    private InternalRow(Object[] values) {
        this(values, null);
    }

    private InternalRow(Object[] values, LambdaScope scope) {
        this.values = values;
        this.scope = scope;
    }

    /** Lambda parameters bound to values, by their ids, inside the scope of the enclosing lambdas (if any). */
    private record LambdaScope(long[] ids, Object[] values, LambdaScope outer) implements java.io.Serializable {}

    /**
     * This row with lambda parameters {@code ids} bound to {@code values} (which the caller no longer changes): how a
     * higher-order function evaluates its function on one element. The row's columns stay readable, for lambdas that
     * use them.
     */
    public InternalRow withLambdaValues(long[] ids, Object[] values) {
        return new InternalRow(this.values, new LambdaScope(ids, values, scope));
    }

    /** The value of the lambda parameter {@code id}, innermost binding first. */
    public Object lambdaValue(long id) {
        for (LambdaScope level = scope; level != null; level = level.outer()) {
            for (int i = 0; i < level.ids().length; i++) {
                if (level.ids()[i] == id) {
                    return level.values()[i];
                }
            }
        }
        throw new IllegalStateException("The lambda parameter #" + id + " is read outside its function");
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
