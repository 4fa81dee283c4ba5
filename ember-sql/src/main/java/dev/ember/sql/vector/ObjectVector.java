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
 *
 * <p>A decimal whose unscaled value fits in a long may instead be held as that long ({@link #setUnscaled}), so that
 * arithmetic, sums and exchanges on wide decimal types need not make a {@code BigDecimal} for every row while the values
 * are small; {@link #getDecimal} makes one only when asked.
 */
public final class ObjectVector extends ColumnVector {
    /** Stands in {@link #values} for a row whose value is the unscaled long at the same row of {@link #unscaled}. */
    private static final Object UNSCALED = new Object();

    /** The scale of a decimal type, or -1 when the type is not a decimal. */
    private final int scale;

    Object[] values;

    /** Unscaled values of the rows marked {@link #UNSCALED}; null until the first. */
    private long[] unscaled;

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

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public BigDecimal getDecimal(int row) {
        if (scale < 0) {
            throw unsupported("getDecimal");
        }
        Object value = values[row];
        return value == UNSCALED ? BigDecimal.valueOf(unscaled[row], scale) : (BigDecimal) value;
    }

    @Override
    public Object getObject(int row) {
        Object value = values[row];
        return value == UNSCALED ? BigDecimal.valueOf(unscaled[row], scale) : value;
    }

    /** Whether the row holds a decimal as its unscaled long ({@link #unscaledAt}), at the type's scale. */
    public boolean isUnscaled(int row) {
        return values[row] == UNSCALED;
    }

    /** The unscaled value of a row for which {@link #isUnscaled} holds. */
    public long unscaledAt(int row) {
        return unscaled[row];
    }

    /**
     * Writes a decimal as its unscaled value at the type's scale; the caller makes sure it has no more digits than the
     * type's precision.
     */
    public void setUnscaled(int row, long value) {
        if (scale < 0) {
            throw unsupported("setUnscaled");
        }
        if (unscaled == null) {
            unscaled = new long[values.length];
        }
        unscaled[row] = value;
        values[row] = UNSCALED;
        if (row >= size) {
            size = row + 1;
        }
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
        if (source instanceof ObjectVector objects && objects.isUnscaled(sourceRow) && objects.scale == scale) {
            setUnscaled(row, objects.unscaled[sourceRow]);
        } else {
            setObject(row, source.getObject(sourceRow));
        }
    }

    @Override
    public void ensureCapacity(int rows) {
        if (rows > values.length) {
            growTo(grownCapacity(values.length, rows));
        }
    }

    /** Room for exactly {@code capacity} rows (a reader growing no further than the rows a batch declares). */
    void growTo(int capacity) {
        values = Arrays.copyOf(values, capacity);
        if (unscaled != null) {
            unscaled = Arrays.copyOf(unscaled, capacity);
        }
        growNulls(capacity);
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
        ObjectVector vector = new ObjectVector(type, gathered, count, gatherNulls(rows, count));
        if (unscaled != null) {
            long[] longs = new long[count];
            for (int k = 0; k < count; k++) {
                longs[k] = unscaled[rows[k]];
            }
            vector.unscaled = longs;
        }
        return vector;
    }
}
