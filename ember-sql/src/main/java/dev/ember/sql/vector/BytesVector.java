package dev.ember.sql.vector;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StringType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A vector of strings (as UTF-8) or binary values: the bytes of every row one after another in one growable array,
 * and {@code size + 1} offsets, row {@code r} being {@code bytes[offsets[r], offsets[r + 1])}.
 *
 * <p>Rows are written in order: a row may be written only once and not before a row above it (rows skipped over are
 * left empty, not null). Appending is amortized O(1). A null row has no bytes.
 *
 * <p>{@link #equals(int, byte[], int, int)}, {@link #compare} and {@link #hash(int)} read the bytes in place, for
 * hash tables and sorts.
 */
public final class BytesVector extends ColumnVector {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long MULTIPLIER = 0xC2B2AE3D27D4EB4FL;

    private final boolean isString;
    int[] offsets;
    byte[] data;

    /** A vector of {@code capacity} rows of about 16 bytes each before it grows. */
    public BytesVector(DataType type, int capacity) {
        this(type, capacity, Math.max(16, capacity * 16L));
    }

    /** A vector of {@code capacity} rows and {@code byteCapacity} bytes before it grows. */
    public BytesVector(DataType type, int capacity, long byteCapacity) {
        this(type, new int[capacity + 1], new byte[(int) Math.min(byteCapacity, 1 << 26)], 0, null);
    }

    BytesVector(DataType type, int[] offsets, byte[] data, int size, long[] nulls) {
        super(type);
        if (!(type instanceof StringType) && !(type instanceof BinaryType)) {
            throw new IllegalArgumentException("A BytesVector does not hold " + type.simpleString());
        }
        this.isString = type instanceof StringType;
        this.offsets = offsets;
        this.data = data;
        this.size = size;
        initNulls(nulls);
    }

    @Override
    public int capacity() {
        return offsets.length - 1;
    }

    /** The offsets, read only: row {@code r} is {@code bytes()[offsets[r], offsets[r + 1])}. */
    public int[] offsets() {
        return offsets;
    }

    @Override
    public byte[] bytes() {
        return data;
    }

    @Override
    public int offset(int row) {
        return offsets[row];
    }

    @Override
    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** The bytes held by all rows. */
    public int dataLength() {
        return offsets[size];
    }

    @Override
    public String getString(int row) {
        if (isNull(row)) {
            return null;
        }
        int start = offsets[row];
        return new String(data, start, offsets[row + 1] - start, UTF_8);
    }

    @Override
    public byte[] getBinary(int row) {
        return isNull(row) ? null : Arrays.copyOfRange(data, offsets[row], offsets[row + 1]);
    }

    /** A String for a string vector, a copy of the bytes for a binary one. */
    @Override
    public Object getObject(int row) {
        return isString ? getString(row) : getBinary(row);
    }

    /** Whether the bytes of {@code row} are {@code other[off, off + len)}. */
    public boolean equals(int row, byte[] other, int off, int len) {
        int start = offsets[row];
        int end = offsets[row + 1];
        return end - start == len && Arrays.equals(data, start, end, other, off, off + len);
    }

    /** Whether the bytes of {@code row} are those of {@code otherRow} of {@code other}. */
    public boolean equals(int row, BytesVector other, int otherRow) {
        int start = other.offsets[otherRow];
        return equals(row, other.data, start, other.offsets[otherRow + 1] - start);
    }

    /**
     * Compares the bytes of {@code row} with those of {@code otherRow} of {@code other} as unsigned bytes, which for
     * UTF-8 is the order of code points.
     */
    public int compare(int row, BytesVector other, int otherRow) {
        return Arrays.compareUnsigned(
                data, offsets[row], offsets[row + 1], other.data, other.offsets[otherRow], other.offsets[otherRow + 1]);
    }

    /** The hash of the bytes of {@code row}: {@link #hash(byte[], int, int)}. */
    public long hash(int row) {
        int start = offsets[row];
        return hash(data, start, offsets[row + 1] - start);
    }

    /** A 64-bit hash of {@code bytes[off, off + len)}, mixed so that any of its bits can pick a hash table slot. */
    public static long hash(byte[] bytes, int off, int len) {
        long h = SEED ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = (long) LONGS.get(bytes, i);
            h = Long.rotateLeft(h ^ (k * MULTIPLIER), 31) * SEED;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h = Long.rotateLeft(h ^ (tail * MULTIPLIER), 31) * SEED;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code value[off, off + len)} at {@code row}, which must not be below {@link #size()}. */
    public void set(int row, byte[] value, int off, int len) {
        int start = startRow(row);
        int end = start + len;
        ensureDataCapacity(end);
        System.arraycopy(value, off, data, start, len);
        offsets[row + 1] = end;
        size = row + 1;
    }

    /** Writes {@code value} at {@code row}; null makes the row null. */
    public void set(int row, byte[] value) {
        if (value == null) {
            setNull(row);
        } else {
            set(row, value, 0, value.length);
        }
    }

    /** Writes {@code value} encoded as UTF-8 at {@code row}; null makes the row null. */
    public void set(int row, String value) {
        if (value == null) {
            setNull(row);
            return;
        }
        int start = startRow(row);
        int length = value.length();
        ensureDataCapacity(start + length);
        byte[] bytes = data;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] encoded = value.getBytes(UTF_8);
                ensureDataCapacity(start + encoded.length);
                System.arraycopy(encoded, 0, data, start, encoded.length);
                offsets[row + 1] = start + encoded.length;
                size = row + 1;
                return;
            }
            bytes[start + i] = (byte) c;
        }
        offsets[row + 1] = start + length;
        size = row + 1;
    }

    /** Writes the bytes of {@code value} at row {@link #size()}. */
    public void append(byte[] value, int off, int len) {
        set(size, value, off, len);
    }

    /** Writes {@code value} encoded as UTF-8 at row {@link #size()}. */
    public void append(String value) {
        set(size, value);
    }

    @Override
    public void setNull(int row) {
        int start = startRow(row);
        markNull(row);
        offsets[row + 1] = start;
        size = row + 1;
    }

    @Override
    public void setObject(int row, Object value) {
        if (value == null) {
            setNull(row);
        } else if (value instanceof String string) {
            set(row, string);
        } else {
            set(row, (byte[]) value);
        }
    }

    @Override
    public void copyFrom(int row, ColumnVector source, int sourceRow) {
        if (source.isNull(sourceRow)) {
            setNull(row);
        } else if (source instanceof BytesVector same) {
            int start = same.offsets[sourceRow];
            set(row, same.data, start, same.offsets[sourceRow + 1] - start);
        } else {
            setObject(row, source.getObject(sourceRow));
        }
    }

    /** Prepares writing {@code row}: fills the rows skipped over as empty, grows, and gives where its bytes start. */
    @Override
    public void padTo(int rows) {
        if (rows > size) {
            ensureCapacity(rows);
            int end = offsets[size];
            for (int r = size + 1; r <= rows; r++) {
                offsets[r] = end;
            }
            size = rows;
        }
    }

    private int startRow(int row) {
        if (row != size) {
            if (row < size) {
                throw new IllegalStateException("Row " + row + " of a BytesVector is written after row " + (size - 1)
                        + ": write rows in order");
            }
            ensureCapacity(row + 1);
            int end = offsets[size];
            for (int r = size + 1; r <= row; r++) {
                offsets[r] = end;
            }
        } else if (row + 1 >= offsets.length) {
            ensureCapacity(row + 1);
        }
        return offsets[row];
    }

    @Override
    public void ensureCapacity(int rows) {
        if (rows + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, grownCapacity(offsets.length - 1, rows) + 1);
            growNulls(offsets.length - 1);
        }
    }

    /** Grows the byte array, keeping what it holds, so that it holds {@code bytes} bytes. */
    public void ensureDataCapacity(int bytes) {
        if (bytes < 0) {
            throw new IllegalStateException("A BytesVector holds at most 2 GiB");
        }
        if (bytes > data.length) {
            data = Arrays.copyOf(data, grownCapacity(data.length, bytes));
        }
    }

    @Override
    public void reset() {
        super.reset();
        offsets[0] = 0;
    }

    @Override
    ColumnVector gather(int[] rows, int count) {
        int[] sourceOffsets = offsets;
        long total = 0;
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            total += sourceOffsets[row + 1] - sourceOffsets[row];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("A BytesVector holds at most 2 GiB");
        }
        int[] gatheredOffsets = new int[count + 1];
        byte[] gathered = new byte[(int) total];
        int at = 0;
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            int start = sourceOffsets[row];
            int length = sourceOffsets[row + 1] - start;
            System.arraycopy(data, start, gathered, at, length);
            at += length;
            gatheredOffsets[k + 1] = at;
        }
        return new BytesVector(type, gatheredOffsets, gathered, count, gatherNulls(rows, count));
    }
}
