package dev.ember.sql.vector;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * One column of a {@link ColumnBatch}: the values of a few thousand rows held in one primitive array (or, for strings
 * and binary, offsets into one byte array), with a validity bitmap in which a set bit means null.
 *
 * <p>A vector is written once, by one thread, while it is being built ({@code setNull}, the typed {@code set} methods
 * of each concrete class, {@link #setObject}); then it is only read, and may be shared by the operators of one task
 * and by several batches (projections and selections share vectors rather than copy them). Nothing here is
 * synchronized: a vector must not be written once it has been handed to a reader, and {@link #reset} is for the
 * vectors of a builder that no batch holds any more.
 *
 * <p>The getters do not check that a row is below {@link #size()}: reading a row that was never written gives an
 * unspecified value. The value slot of a null row is unspecified too; read it only after {@link #isNull} said no.
 * Each typed getter is valid for the physical kinds that hold it and throws {@link UnsupportedOperationException}
 * otherwise.
 */
public abstract sealed class ColumnVector
        permits BooleanVector, IntVector, LongVector, FloatVector, DoubleVector, BytesVector, ObjectVector {
    final DataType type;

    /** Rows held: one past the highest row written. */
    int size;

    /** The validity bitmap, bit set = null; null until the first null is set. Sized for the capacity. */
    long[] nulls;

    /** Whether a null was set since the vector was created or reset. */
    boolean anyNull;

    ColumnVector(DataType type) {
        this.type = requireNonNull(type, "type is null");
    }

    /** The SQL type of the values. */
    public final DataType type() {
        return type;
    }

    /** Rows held: one past the highest row written. */
    public final int size() {
        return size;
    }

    /** Rows that can be written without growing. */
    public abstract int capacity();

    /** Whether {@code row} is null. */
    public final boolean isNull(int row) {
        return anyNull && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    /** False when no row is null, so that loops can skip {@link #isNull}; true when some row may be. */
    public final boolean mayHaveNulls() {
        return anyNull;
    }

    /**
     * The validity bitmap, for operators working a word (64 rows) at a time: bit {@code row & 63} of word {@code row
     * >>> 6} is set when the row is null. Null when no row is. Read only.
     */
    public final long[] nullBitmap() {
        return anyNull ? nulls : null;
    }

    /** The number of null rows among the first {@code size()}. */
    public final int nullCount() {
        if (!anyNull) {
            return 0;
        }
        int words = size >>> 6;
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(nulls[w]);
        }
        int rest = size & 63;
        if (rest != 0) {
            count += Long.bitCount(nulls[words] & ((1L << rest) - 1));
        }
        return count;
    }

    public boolean getBoolean(int row) {
        throw unsupported("getBoolean");
    }

    public byte getByte(int row) {
        throw unsupported("getByte");
    }

    public short getShort(int row) {
        throw unsupported("getShort");
    }

    public int getInt(int row) {
        throw unsupported("getInt");
    }

    public long getLong(int row) {
        throw unsupported("getLong");
    }

    public float getFloat(int row) {
        throw unsupported("getFloat");
    }

    public double getDouble(int row) {
        throw unsupported("getDouble");
    }

    /** The decimal value of {@code row}, of the type's scale; null if the row is null. */
    public BigDecimal getDecimal(int row) {
        throw unsupported("getDecimal");
    }

    /** The string of {@code row}, decoded from UTF-8; null if the row is null. */
    public String getString(int row) {
        throw unsupported("getString");
    }

    /** A copy of the bytes of {@code row}; null if the row is null. */
    public byte[] getBinary(int row) {
        throw unsupported("getBinary");
    }

    /** The value of {@code row} as the engine holds it (see {@link DataType}), or null if the row is null. */
    public abstract Object getObject(int row);

    /** For strings and binary: the array holding the bytes of every row, read in place with {@link #offset}. */
    public byte[] bytes() {
        throw unsupported("bytes");
    }

    /** For strings and binary: where the bytes of {@code row} start in {@link #bytes()}. */
    public int offset(int row) {
        throw unsupported("offset");
    }

    /** For strings and binary: how many bytes {@code row} has (0 for a null row). */
    public int length(int row) {
        throw unsupported("length");
    }

    // ---------------------------------------------------------------- writing, while the vector is being built

    /** Makes {@code row} null. {@code row} must be below the capacity. */
    public void setNull(int row) {
        Objects.checkIndex(row, capacity());
        markNull(row);
        if (row >= size) {
            size = row + 1;
        }
    }

    final void markNull(int row) {
        if (nulls == null) {
            nulls = new long[words(capacity())];
        }
        nulls[row >>> 6] |= 1L << row;
        anyNull = true;
    }

    /**
     * Writes {@code value}, held as the engine holds values of the type (see {@link DataType}), at {@code row}; null
     * makes the row null. Boxes: operators on primitive kinds use the typed setters of the concrete classes.
     */
    public abstract void setObject(int row, Object value);

    /**
     * Copies row {@code sourceRow} of {@code source}, a vector of the same type, to {@code row} of this one, without
     * boxing when both are of the same class.
     */
    public abstract void copyFrom(int row, ColumnVector source, int sourceRow);

    /**
     * Makes the vector hold at least {@code rows} rows: rows never written become present and hold the type's zero
     * (or an empty value). For vectors computed on some rows of a batch only (the rows its selection keeps), so that
     * they line up with the batch's other columns; the rows added are never read through the selection.
     */
    public void padTo(int rows) {
        if (rows > size) {
            ensureCapacity(rows);
            size = rows;
        }
    }

    /** Grows the vector, keeping what it holds, so that rows below {@code rows} can be written. */
    public abstract void ensureCapacity(int rows);

    /** Empties the vector for reuse, keeping its arrays. Only for a vector no batch holds any more. */
    public void reset() {
        size = 0;
        if (anyNull) {
            Arrays.fill(nulls, 0L);
            anyNull = false;
        }
    }

    /** A new vector of the rows {@code rows[0..count)} of this one, in that order. */
    abstract ColumnVector gather(int[] rows, int count);

    /** The bitmap grown for a capacity of {@code rows}, if there is one. */
    final void growNulls(int rows) {
        if (nulls != null && nulls.length < words(rows)) {
            nulls = Arrays.copyOf(nulls, words(rows));
        }
    }

    /** The nulls of {@code rows[0..count)} as a new bitmap, or null when none of them is null. */
    final long[] gatherNulls(int[] rows, int count) {
        if (!anyNull) {
            return null;
        }
        long[] gathered = null;
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            if ((nulls[row >>> 6] & (1L << row)) != 0) {
                if (gathered == null) {
                    gathered = new long[words(count)];
                }
                gathered[k >>> 6] |= 1L << k;
            }
        }
        return gathered;
    }

    /** Sets the bitmap of a vector made from arrays; {@code bitmap} may be null. */
    final void initNulls(long[] bitmap) {
        this.nulls = bitmap;
        this.anyNull = bitmap != null;
    }

    static int words(int rows) {
        return (rows + 63) >>> 6;
    }

    static int grownCapacity(int current, int wanted) {
        long doubled = Math.max(16L, 2L * current);
        long grown = Math.max(wanted, Math.min(doubled, Integer.MAX_VALUE - 16));
        return (int) grown;
    }

    final UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(
                method + " is not valid for a " + getClass().getSimpleName() + " of type " + type.simpleString());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + type.simpleString() + ", " + size + " rows)";
    }
}
