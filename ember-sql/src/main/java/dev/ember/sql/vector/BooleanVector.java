package dev.ember.sql.vector;

import dev.ember.sql.types.DataTypes;
import java.util.Arrays;

/** A vector of booleans, one {@code boolean} per row. */
public final class BooleanVector extends ColumnVector {
    boolean[] values;

    public BooleanVector(int capacity) {
        super(DataTypes.BooleanType);
        this.values = new boolean[capacity];
    }

    BooleanVector(boolean[] values, int size, long[] nulls) {
        super(DataTypes.BooleanType);
        this.values = values;
        this.size = size;
        initNulls(nulls);
    }

    /** The array holding the values, read only; the slots of null rows are unspecified. */
    public boolean[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public boolean getBoolean(int row) {
        return values[row];
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : Boolean.valueOf(values[row]);
    }

    public void set(int row, boolean value) {
        values[row] = value;
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Writes {@code value} at row {@link #size()}, growing the vector when it is full. */
    public void append(boolean value) {
        if (size == values.length) {
            ensureCapacity(size + 1);
        }
        values[size++] = value;
    }

    @Override
    public void setObject(int row, Object value) {
        if (value == null) {
            setNull(row);
        } else {
            set(row, (Boolean) value);
        }
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            setNull(row);
        } else if (source instanceof BooleanVector same) {
            set(row, same.values[sourceRow]);
        } else {
            setObject(row, source.getObject(sourceRow));
        }
    }

    @Override
    public void ensureCapacity(int rows) {
        if (rows > values.length) {
            values = Arrays.copyOf(values, grownCapacity(values.length, rows));
            growNulls(values.length);
        }
    }

    @Override
    ColumnVector gather(int[] rows, int count) {
        boolean[] gathered = new boolean[count];
        boolean[] source = values;
        for (int k = 0; k < count; k++) {
            gathered[k] = source[rows[k]];
        }
        return new BooleanVector(gathered, count, gatherNulls(rows, count));
    }
}
