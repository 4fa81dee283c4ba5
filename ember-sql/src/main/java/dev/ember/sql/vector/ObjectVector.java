package dev.ember.sql.vector;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A vector of values held as objects: decimals of more than {@value DecimalType#MAX_LONG_DIGITS} digits
 * (BigDecimal of the type's scale), arrays (List), maps (Map), structs (Object[]) and the null type (every row null).
 * The values are held as given, not copied: they must not be changed afterwards.
 */
public final class ObjectVector extends ColumnVector {
    /** The scale of a decimal type, or -1 when the type is not a decimal. */
    private final int scale;

    Object[] values;

    public ObjectVector(DataType type, int capacity) {
        this(type, new Object[capacity], 0, null);
    }

    ObjectVector(DataType type, Object[] values, int size, long[] nulls) {
        super(type);
        if (type instanceof DecimalType decimal) {
            this.scale = decimal.scale();
        } else if (type instanceof ArrayType
                || type instanceof MapType
                || type instanceof StructType
                || type instanceof NullType) {
            this.scale = -1;
        } else {
            throw new IllegalArgumentException("An ObjectVector does not hold " + type.simpleString());
        }
        this.values = values;
        this.size = size;
        initNulls(nulls);
    }

    /** The array holding the values, read only; the slots of null rows hold null. */
    public Object[] values() {
        return values;
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public BigDecimal getDecimal(int row) {
        if (scale < 0) {
            throw unsupported("getDecimal");
        }
        return (BigDecimal) values[row];
    }

    @Override
    public Object getObject(int row) {
        return values[row];
    }

    /**
     * Writes {@code value}; null makes the row null. A decimal is brought to the type's scale, failing with {@link
     * ArithmeticException} if that would round.
     */
    @Override
    public void setObject(int row, Object value) {
        if (value == null) {
            setNull(row);
            return;
        }
        if (scale >= 0) {
            BigDecimal decimal = (BigDecimal) value;
            value = decimal.scale() == scale ? decimal : decimal.setScale(scale, RoundingMode.UNNECESSARY);
        }
        values[row] = value;
        if (row >= size) {
            size = row + 1;
        }
    }

    @Override
    public void setNull(int row) {
        super.setNull(row);
        values[row] = null;
    }

    /** Writes {@code value} at row {@link #size()}, growing the vector when it is full. */
    public void append(Object value) {
        if (size == values.length) {
            ensureCapacity(size + 1);
        }
        setObject(size, value);
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        setObject(row, source.getObject(sourceRow));
    }

    @Override
    public void ensureCapacity(int rows) {
        if (rows > values.length) {
            values = Arrays.copyOf(values, grownCapacity(values.length, rows));
            growNulls(values.length);
        }
    }

    @Override
    public void reset() {
        // Drop the references so that the values of earlier batches can be collected.
        Arrays.fill(values, 0, size, null);
        super.reset();
    }

    @Override
    ColumnVector gather(int[] rows, int count) {
        Object[] gathered = new Object[count];
        Object[] source = values;
        for (int k = 0; k < count; k++) {
            gathered[k] = source[rows[k]];
        }
        return new ObjectVector(type, gathered, count, gatherNulls(rows, count));
    }
}
