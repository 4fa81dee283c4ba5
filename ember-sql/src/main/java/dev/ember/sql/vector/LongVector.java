package dev.ember.sql.vector;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A vector of {@code long}: bigint, timestamps (microseconds since the epoch), day-time intervals (microseconds), and
 * decimals of at most {@value DecimalType#MAX_LONG_DIGITS} digits held as their unscaled value ({@link #getDecimal}
 * applies the type's scale).
 */
public final class LongVector extends ColumnVector {
    /** The scale of a decimal type, or -1 when the type is not a decimal. */
    private final int scale;

    long[] values;

    public LongVector(DataType type, int capacity) {
        this(type, new long[capacity], 0, null);
    }

    LongVector(DataType type, long[] values, int size, long[] nulls) {
        super(type);
        this.scale = scaleOf(type);
        this.values = values;
        this.size = size;
        initNulls(nulls);
    }

    private static int scaleOf(DataType type) {
        if (type instanceof DecimalType decimal) {
            if (!decimal.fitsInLong()) {
                throw new IllegalArgumentException("A LongVector does not hold " + type.simpleString());
            }
            return decimal.scale();
        }
        if (type instanceof LongType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof DayTimeIntervalType) {
            return -1;
        }
        throw new IllegalArgumentException("A LongVector does not hold " + type.simpleString());
    }

    /** Whether the values are the unscaled values of decimals. */
    public boolean isDecimal() {
        return scale >= 0;
    }

    /** The array holding the values, read only; the slots of null rows are unspecified. */
    public long[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    /** The value, or for a decimal its unscaled value. */
    @Override
    public long getLong(int row) {
        return values[row];
    }

    @Override
    public BigDecimal getDecimal(int row) {
        if (scale < 0) {
            throw unsupported("getDecimal");
        }
        return isNull(row) ? null : BigDecimal.valueOf(values[row], scale);
    }

    @Override
    public Object getObject(int row) {
        if (isNull(row)) {
            return null;
        }
        return scale >= 0 ? BigDecimal.valueOf(values[row], scale) : Long.valueOf(values[row]);
    }

    /** Writes a value, or for a decimal its unscaled value. */
    public void set(int row, long value) {
        values[row] = value;
        if (row >= size) {
            size = row + 1;
        }
    }

    /** Writes {@code value} at row {@link #size()}, growing the vector when it is full. */
    public void append(long value) {
        if (size == values.length) {
            ensureCapacity(size + 1);
        }
        values[size++] = value;
    }

    /**
     * Writes a decimal, brought to the type's scale; fails with {@link ArithmeticException} if that would round or
     * the value does not fit in a long. Null makes the row null.
     */
    public void setDecimal(int row, BigDecimal value) {
        if (value == null) {
            setNull(row);
            return;
        }
        if (scale < 0) {
            throw new UnsupportedOperationException("setDecimal on a vector of " + type.simpleString());
        }
        BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
        set(row, scaled.unscaledValue().longValueExact());
    }

    @Override
    public void setObject(int row, Object value) {
        if (value == null) {
            setNull(row);
        } else if (scale >= 0) {
            setDecimal(row, (BigDecimal) value);
        } else {
            set(row, ((Number) value).longValue());
        }
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            setNull(row);
        } else if (source instanceof LongVector same && same.scale == scale) {
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
        long[] gathered = new long[count];
        long[] source = values;
        for (int k = 0; k < count; k++) {
            gathered[k] = source[rows[k]];
        }
        return new LongVector(type, gathered, count, gatherNulls(rows, count));
    }
}
