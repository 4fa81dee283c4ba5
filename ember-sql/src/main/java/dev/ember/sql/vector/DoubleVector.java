package dev.ember.sql.vector;

import dev.ember.sql.types.DataTypes;
import java.util.Arrays;

/** A vector of {@code double}. */
public final class DoubleVector extends ColumnVector {
    double[] values;

    public DoubleVector(int capacity) {
        this(new double[capacity], 0, null);
    }

    DoubleVector(double[] values, int size, long[] nulls) {
        super(DataTypes.DoubleType);
        this.values = values;
        this.size = size;
        initNulls(nulls);
    }

    /** The array holding the values, read only; the slots of null rows are unspecified. */
    public double[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public double getDouble(int row) {
        return values[row];
    }

    @Override
    public Object getObject(int row) {
        return isNull(row) ? null : Double.valueOf(values[row]);
    }

    public void set(int row, double value) {
        values[row] = value;
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Writes {@code value} at row {@link #size()}, growing the vector when it is full. */
    public void append(double value) {
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
            set(row, ((Number) value).doubleValue());
        }
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            setNull(row);
        } else if (source instanceof DoubleVector same) {
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
        double[] gathered = new double[count];
        double[] source = values;
        for (int k = 0; k < count; k++) {
            gathered[k] = source[rows[k]];
        }
        return new DoubleVector(gathered, count, gatherNulls(rows, count));
    }
}
