package dev.ember.sql.vector;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads batches of the column types of a {@link BatchSerializer} from a stream, validating the header, each column
 * by kind and the limit of the rows of one batch.
 */
final class BatchReader extends ReadBuffer implements Closeable {
    private final DataType[] types;
    private final ColumnVectors.Kind[] kinds;
    private final int maxRowsPerBatch;
    private int batchNumber;

    BatchReader(
            DataType[] types, ColumnVectors.Kind[] kinds, int maxRowsPerBatch, long maxBytesPerBatch, InputStream in) {
        super(in, maxBytesPerBatch);
        this.types = types;
        this.kinds = kinds;
        this.maxRowsPerBatch = maxRowsPerBatch;
    }

    /** The next batch, or null if the stream ends before one starts. */
    ColumnBatch next() throws IOException {
        if (atEnd()) {
            return null;
        }
        batchStart = consumed();
        where = "the header of batch " + batchNumber;
        require(12);
        int magic = readInt();
        if (magic != BatchSerializer.MAGIC) {
            throw corrupt("a batch does not start with the expected marker but 0x" + Integer.toHexString(magic));
        }
        int rows = readInt();
        int columns = readInt();
        if (rows < 0 || rows > maxRowsPerBatch) {
            throw corrupt("the row count " + rows + " is out of the range 0 to " + maxRowsPerBatch);
        }
        if (columns != types.length) {
            throw corrupt("the batch has " + columns + " columns where " + types.length + " are expected");
        }
        ColumnVector[] vectors = new ColumnVector[columns];
        for (int i = 0; i < columns; i++) {
            where = "column " + i + " (" + types[i].simpleString() + ") of batch " + batchNumber;
            vectors[i] = readColumn(i, rows);
        }
        where = "the end of batch " + batchNumber;
        skipPadding();
        checkBudget(0);
        batchNumber++;
        return ColumnBatch.of(rows, vectors);
    }

    /** Whether the stream ends here. */
    boolean atEnd() throws IOException {
        if (pos < lim) {
            return false;
        }
        pos &= 7;
        lim = pos;
        int read = in.read(buf, lim, buf.length - lim);
        if (read < 0) {
            return true;
        }
        lim += read;
        filled += read;
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private ColumnVector readColumn(int column, int rows) throws IOException {
        DataType type = types[column];
        require(1);
        byte flag = buf[pos++];
        long[] nulls = null;
        if (flag == 1) {
            int words = BatchSerializer.nullWords(rows);
            nulls = readLongArray(words);
            if ((rows & 63) != 0 && words > 0) {
                nulls[words - 1] &= (1L << rows) - 1;
            }
        } else if (flag != 0) {
            throw corrupt("the null flag is " + flag + ", neither 0 nor 1");
        }
        switch (kinds[column]) {
            case BOOLEAN: {
                long[] words = readLongArray(BatchSerializer.nullWords(rows));
                boolean[] values = new boolean[rows];
                for (int row = 0; row < rows; row++) {
                    values[row] = (words[row >>> 6] & (1L << row)) != 0;
                }
                return new BooleanVector(values, rows, nulls);
            }
            case INT:
                return new IntVector(type, readInts(rows, BatchSerializer.intWidth(type)), rows, nulls);
            case LONG:
                return new LongVector(type, readLongArray(rows), rows, nulls);
            case FLOAT:
                return new FloatVector(readFloatArray(rows), rows, nulls);
            case DOUBLE:
                return new DoubleVector(readDoubleArray(rows), rows, nulls);
            case BYTES:
                return readBytesColumn(type, rows, nulls);
            default:
                return readObjects(type, rows, nulls);
        }
    }

    private int[] readInts(int rows, int width) throws IOException {
        if (width == 4) {
            return readIntArray(rows);
        }
        skipPadding();
        checkBudget((long) rows * width);
        byte[] raw = readByteArray(rows * width);
        int[] values = new int[rows];
        if (width == 1) {
            for (int row = 0; row < rows; row++) {
                values[row] = raw[row];
            }
        } else {
            ByteBuffer shorts = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int row = 0; row < rows; row++) {
                values[row] = shorts.getShort(row << 1);
            }
        }
        return values;
    }

    private BytesVector readBytesColumn(DataType type, int rows, long[] nulls) throws IOException {
        int[] lengths = readIntArray(rows);
        require(4);
        int total = readInt();
        int[] offsets = new int[rows + 1];
        long sum = 0;
        for (int row = 0; row < rows; row++) {
            int length = lengths[row];
            if (length < 0) {
                throw corrupt("row " + row + " has the negative length " + length);
            }
            sum += length;
            if (sum > total) {
                throw corrupt("the lengths of the rows add up to more than the total of " + total + " bytes");
            }
            offsets[row + 1] = (int) sum;
        }
        if (sum != total) {
            throw corrupt("the lengths of the rows add up to " + sum + " bytes, not the total of " + total);
        }
        if (nulls != null) {
            for (int row = 0; row < rows; row++) {
                if ((nulls[row >>> 6] & (1L << row)) != 0 && offsets[row + 1] != offsets[row]) {
                    throw corrupt("the null row " + row + " has bytes");
                }
            }
        }
        checkBudget(total);
        byte[] data = readByteArray(total);
        return new BytesVector(type, offsets, data, rows, nulls);
    }

    private ObjectVector readObjects(DataType type, int rows, long[] nulls) throws IOException {
        if (type instanceof DecimalType decimal) {
            return readDecimals(decimal, rows, nulls);
        }
        Object[] values = new Object[Math.min(rows, BatchSerializer.DIRECT_ALLOCATION)];
        for (int row = 0; row < rows; row++) {
            if (row == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(rows, 2L * values.length));
            }
            if (nulls == null || (nulls[row >>> 6] & (1L << row)) == 0) {
                Object value = TaggedValues.read(this, 0);
                checkValue(type, value, row);
                values[row] = value;
            }
        }
        return new ObjectVector(type, values, rows, nulls);
    }

    /** A column of wide decimals, those written as longs kept as longs. */
    private ObjectVector readDecimals(DecimalType type, int rows, long[] nulls) throws IOException {
        ObjectVector vector =
                new ObjectVector(type, new Object[Math.min(rows, BatchSerializer.DIRECT_ALLOCATION)], 0, nulls);
        for (int row = 0; row < rows; row++) {
            if (row == vector.capacity()) {
                vector.growTo((int) Math.min(rows, 2L * row));
            }
            if (nulls == null || (nulls[row >>> 6] & (1L << row)) == 0) {
                Object value = TaggedValues.readDecimal(this, type, vector, row);
                if (value != TaggedValues.UNSCALED) {
                    checkValue(type, value, row);
                    vector.setObject(row, value);
                }
            }
        }
        vector.padTo(rows);
        return vector;
    }

    private void checkValue(DataType type, Object value, int row) throws IOException {
        boolean valid;
        if (type instanceof DecimalType decimal) {
            valid = value instanceof BigDecimal number
                    && number.scale() == decimal.scale()
                    && number.precision() <= decimal.precision();
        } else if (type instanceof ArrayType) {
            valid = value instanceof List;
        } else if (type instanceof MapType) {
            valid = value instanceof Map;
        } else if (type instanceof StructType struct) {
            valid = value instanceof Object[] fields && fields.length == struct.size();
        } else {
            valid = false; // the null type: every row is null
        }
        if (!valid) {
            throw corrupt("row " + row + " holds " + Batches.valueToString(value) + ", not a value of "
                    + type.simpleString());
        }
    }
}
