package dev.ember.sql.vector;

import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.util.Arrays;

/**
 * A vector of {@code int}: tinyint, smallint, int, date (days since the epoch) and year-month intervals (months).
 * {@link #getByte} and {@link #getShort} narrow; {@link #getObject} gives the boxed type the SQL type is held as
 * (Byte, Short or Integer).
 */
public final class IntVector extends ColumnVector {
    private static final int INT = 0;
    private static final int BYTE = 1;
    private static final int SHORT = 2;

    private final int kind;
    int[] values;

    public IntVector(DataType type, int capacity) {
        this(type, new int[capacity], 0, null);
    }

    IntVector(DataType type, int[] values, int size, long[] nulls) {
        super(type);
        this.kind = kindOf(type);
        this.values = values;
        this.size = size;
        initNulls(nulls);
    }

    private static int kindOf(DataType type) {
        if (type instanceof ByteType) {
            return BYTE;
        }
        if (type instanceof ShortType) {
            return SHORT;
        }
        if (type instanceof IntegerType || type instanceof DateType || type instanceof YearMonthIntervalType) {
            return INT;
        }
        throw new IllegalArgumentException("An IntVector does not hold " + type.simpleString());
    }

    /** The array holding the values, read only; the slots of null rows are unspecified. */
    public int[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public byte getByte(int row) {
        return (byte) values[row];
    }

    @Override
    public short getShort(int row) {
        return (short) values[row];
    }

    @Override
    public int getInt(int row) {
        return values[row];
    }

    @Override
    public long getLong(int row) {
        return values[row];
    }

    @Override
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        int value = values[row];
        switch (kind) {
            case BYTE:
                return Byte.valueOf((byte) value);
            case SHORT:
                return Short.valueOf((short) value);
            default:
                return Integer.valueOf(value);
        }
    }

    public void set(int row, int value) {
        values[row] = value;
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Writes {@code value} at row {@link #size()}, growing the vector when it is full. */
    public void append(int value) {
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
            set(row, ((Number) value).intValue());
        }
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            setNull(row);
        } else if (source instanceof IntVector same) {
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
        int[] gathered = new int[count];
        int[] source = values;
        for (int k = 0; k < count; k++) {
            gathered[k] = source[rows[k]];
        }
        return new IntVector(type, gathered, count, gatherNulls(rows, count));
    }
}
