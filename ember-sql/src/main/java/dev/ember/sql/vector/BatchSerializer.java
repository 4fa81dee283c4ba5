package dev.ember.sql.vector;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Writes batches of a known schema to a stream and reads them back, for exchanges through the shuffle and for
 * broadcasts. The schema is not written: the reader is made with the same types as the writer.
 *
 * <p>The format is columnar, little-endian, and keeps every primitive array at a position that is a multiple of its
 * width from the start of the batch so that it is copied in bulk. A batch is:
 *
 * <pre>
 *   int magic 'EMB' 1, int rows, int columns, then per column:
 *     byte 0 (no null) or 1 followed, 8-aligned, by the null bitmap: (rows + 63) / 64 longs, bit set = null
 *     the values, the slots of null rows included except for object columns:
 *       boolean: the bitmap of the values, as longs     tinyint: 1 byte   smallint: 2 bytes
 *       other int kinds: int[]   long kinds: long[]   float[]   double[]         (8-aligned)
 *       string, binary: int[] lengths, int total, the bytes
 *       objects: each non-null value tagged (null, boolean, byte, short, int, long, float, double, string,
 *                binary, decimal as scale + unscaled bytes, list, map, struct), nested values likewise
 *   zero bytes up to a multiple of 8
 * </pre>
 *
 * Only the selected rows of a batch are written; a batch read back has no selection. Reading validates what it reads:
 * a cut or corrupt stream, or a batch beyond the limits ({@code maxRowsPerBatch}, {@code maxBytesPerBatch}), fails
 * with an {@link IOException} ({@link EOFException} when the stream ends inside a batch) saying where. Memory is
 * allocated in proportion to the bytes actually read, never to a length read, so that a crafted length cannot run
 * the reader out of memory.
 */
public final class BatchSerializer {
    /** The limit of the bytes of one batch read by default. */
    public static final long DEFAULT_MAX_BYTES_PER_BATCH = 1L << 30;

    /** The limit of the rows of one batch read by default. */
    public static final int DEFAULT_MAX_ROWS_PER_BATCH = 1 << 26;

    static final int MAGIC = 0x454D4201;

    private static final int BUFFER_SIZE = 1 << 16;
    /** Arrays above this many bytes are allocated as their bytes arrive rather than all at once. */
    private static final int DIRECT_ALLOCATION = 1 << 20;

    private static final int MAX_DEPTH = 100;
    private static final int MAX_DECIMAL_BYTES = 256;

    private static final byte TAG_NULL = 0;
    private static final byte TAG_BOOLEAN = 1;
    private static final byte TAG_BYTE = 2;
    private static final byte TAG_SHORT = 3;
    private static final byte TAG_INT = 4;
    private static final byte TAG_LONG = 5;
    private static final byte TAG_FLOAT = 6;
    private static final byte TAG_DOUBLE = 7;
    private static final byte TAG_STRING = 8;
    private static final byte TAG_BINARY = 9;
    private static final byte TAG_DECIMAL = 10;
    private static final byte TAG_LIST = 11;
    private static final byte TAG_MAP = 12;
    private static final byte TAG_STRUCT = 13;

    private final DataType[] types;
    private final ColumnVectors.Kind[] kinds;
    private final int maxRowsPerBatch;
    private final long maxBytesPerBatch;

    public BatchSerializer(StructType schema) {
        this(BatchBuilder.typesOf(schema));
    }

    public BatchSerializer(List<DataType> types) {
        this(types, DEFAULT_MAX_ROWS_PER_BATCH, DEFAULT_MAX_BYTES_PER_BATCH);
    }

    /** A serializer whose reader refuses batches of more than {@code maxRowsPerBatch} rows or maxBytesPerBatch bytes. */
    public BatchSerializer(List<DataType> types, int maxRowsPerBatch, long maxBytesPerBatch) {
        if (maxRowsPerBatch < 0 || maxBytesPerBatch < 0) {
            throw new IllegalArgumentException("Negative limits " + maxRowsPerBatch + ", " + maxBytesPerBatch);
        }
        this.types = types.toArray(new DataType[0]);
        this.kinds = new ColumnVectors.Kind[this.types.length];
        for (int i = 0; i < this.types.length; i++) {
            kinds[i] = ColumnVectors.kindOf(this.types[i]);
        }
        this.maxRowsPerBatch = Math.min(maxRowsPerBatch, Integer.MAX_VALUE - 16);
        this.maxBytesPerBatch = maxBytesPerBatch;
    }

    public List<DataType> types() {
        return List.of(types);
    }

    /** Writes the selected rows of {@code batch} to {@code out}, and flushes it. */
    public void write(ColumnBatch batch, OutputStream out) throws IOException {
        Writer writer = new Writer(out, 1024);
        writer.write(batch);
        writer.flush();
    }

    /** A writer of many batches to {@code out}, one after another, sharing one buffer. */
    public Writer writer(OutputStream out) {
        return new Writer(out, BUFFER_SIZE);
    }

    /**
     * Reads one batch from {@code in}; fails with {@link EOFException} if the stream ends first. It may read ahead of
     * the batch: use a {@link #reader} to read many.
     */
    public ColumnBatch read(InputStream in) throws IOException {
        ColumnBatch batch = new Reader(in).next();
        if (batch == null) {
            throw new EOFException("The stream ends where a batch was expected");
        }
        return batch;
    }

    /** A reader of the batches written one after another to {@code in}. */
    public Reader reader(InputStream in) {
        return new Reader(in);
    }

    /**
     * The batches of {@code in}, read as they are asked for, until the stream ends between two batches. A stream
     * ending inside a batch, or corrupt, fails with an {@link UncheckedIOException} whose cause says why. The stream is
     * not closed.
     */
    public Iterator<ColumnBatch> readAll(InputStream in) {
        Reader reader = new Reader(in);
        return new Iterator<>() {
            private ColumnBatch next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = reader.next();
                    } catch (IOException e) {
                        done = true;
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ColumnBatch batch = next;
                next = null;
                return batch;
            }
        };
    }

    /** {@code batch} serialized. */
    public byte[] toBytes(ColumnBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(batch, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The one batch serialized in {@code bytes}; fails if they hold less or more. */
    public ColumnBatch fromBytes(byte[] bytes) throws IOException {
        Reader reader = new Reader(new ByteArrayInputStream(bytes));
        ColumnBatch batch = reader.next();
        if (batch == null) {
            throw new EOFException("No batch in " + bytes.length + " bytes");
        }
        if (!reader.atEnd()) {
            throw new IOException("Bytes follow the batch serialized in " + bytes.length + " bytes");
        }
        return batch;
    }

    private static int nullWords(int rows) {
        return (rows + 63) >>> 6;
    }

    private static int intWidth(DataType type) {
        if (type instanceof ByteType) {
            return 1;
        }
        return type instanceof ShortType ? 2 : 4;
    }

    // ==================================================================================================== writing

    /**
     * Writes batches to a stream through a buffer. The position of every byte in the buffer is that in the stream
     * modulo 8, so that a primitive array aligned in the stream is copied in bulk through a view of the buffer.
     */
    public final class Writer implements Closeable, Flushable {
        private final OutputStream out;
        private final byte[] buf;
        private final ByteBuffer bytes;
        private final IntBuffer ints;
        private final LongBuffer longs;
        private final FloatBuffer floats;
        private final DoubleBuffer doubles;
        private int pos;

        Writer(OutputStream out, int bufferSize) {
            this.out = out;
            this.buf = new byte[Math.max(64, bufferSize & ~7)];
            this.bytes = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            this.ints = bytes.asIntBuffer();
            this.longs = bytes.asLongBuffer();
            this.floats = bytes.asFloatBuffer();
            this.doubles = bytes.asDoubleBuffer();
        }

        /** Writes the selected rows of {@code batch}, which must have the serializer's column types. */
        public void write(ColumnBatch batch) throws IOException {
            if (batch.numColumns() != types.length) {
                throw new IllegalArgumentException(
                        "A batch of " + batch.numColumns() + " columns written by a serializer of " + types.length);
            }
            for (int i = 0; i < types.length; i++) {
                if (!batch.column(i).type().equals(types[i])) {
                    throw new IllegalArgumentException("Column " + i + " of the batch is of type "
                            + batch.column(i).type().simpleString() + ", not " + types[i].simpleString());
                }
            }
            int rows = batch.size();
            int[] selection = batch.selection();
            ensure(12);
            putInt(MAGIC);
            putInt(rows);
            putInt(types.length);
            for (int i = 0; i < types.length; i++) {
                ColumnVector vector = batch.column(i);
                boolean nulls = writeNulls(vector, selection, rows);
                switch (kinds[i]) {
                    case BOOLEAN -> writeBooleans((BooleanVector) vector, selection, rows);
                    case INT -> writeInts((IntVector) vector, selection, rows);
                    case LONG -> writeLongs((LongVector) vector, selection, rows);
                    case FLOAT -> writeFloats((FloatVector) vector, selection, rows);
                    case DOUBLE -> writeDoubles((DoubleVector) vector, selection, rows);
                    case BYTES -> writeBytes((BytesVector) vector, selection, rows);
                    case OBJECT -> writeObjects((ObjectVector) vector, selection, rows, nulls);
                }
            }
            align();
        }

        /** Writes what is buffered to the stream, and flushes it. */
        @Override
        public void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
            out.flush();
        }

        /** Flushes, and closes the stream. */
        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                out.close();
            }
        }

        /** Writes the null flag, and the bitmap of the selected rows if one of them is null; whether one is. */
        private boolean writeNulls(ColumnVector vector, int[] selection, int rows) throws IOException {
            ensure(1);
            long[] source = vector.nullBitmap();
            if (source == null || rows == 0) {
                putByte((byte) 0);
                return false;
            }
            int words = nullWords(rows);
            long[] bitmap;
            if (selection == null) {
                bitmap = Arrays.copyOf(source, words);
                if ((rows & 63) != 0) {
                    bitmap[words - 1] &= (1L << rows) - 1;
                }
            } else {
                bitmap = new long[words];
                for (int k = 0; k < rows; k++) {
                    int row = selection[k];
                    if ((source[row >>> 6] & (1L << row)) != 0) {
                        bitmap[k >>> 6] |= 1L << k;
                    }
                }
            }
            long any = 0;
            for (long word : bitmap) {
                any |= word;
            }
            if (any == 0) {
                putByte((byte) 0);
                return false;
            }
            putByte((byte) 1);
            putLongArray(bitmap, 0, words);
            return true;
        }

        private void writeBooleans(BooleanVector vector, int[] selection, int rows) throws IOException {
            boolean[] values = vector.values;
            align();
            for (int start = 0; start < rows; start += 64) {
                int end = Math.min(rows, start + 64);
                long word = 0;
                for (int k = start; k < end; k++) {
                    if (values[selection == null ? k : selection[k]]) {
                        word |= 1L << k;
                    }
                }
                ensure(8);
                putLong(word);
            }
        }

        private void writeInts(IntVector vector, int[] selection, int rows) throws IOException {
            int[] values = vector.values;
            int width = intWidth(vector.type());
            if (width == 4 && selection == null) {
                putIntArray(values, 0, rows);
                return;
            }
            align();
            for (int k = 0; k < rows; k++) {
                int value = values[selection == null ? k : selection[k]];
                ensure(4);
                if (width == 1) {
                    buf[pos++] = (byte) value;
                } else if (width == 2) {
                    bytes.putShort(pos, (short) value);
                    pos += 2;
                } else {
                    bytes.putInt(pos, value);
                    pos += 4;
                }
            }
        }

        private void writeLongs(LongVector vector, int[] selection, int rows) throws IOException {
            long[] values = vector.values;
            if (selection == null) {
                putLongArray(values, 0, rows);
                return;
            }
            align();
            for (int k = 0; k < rows; k++) {
                ensure(8);
                putLong(values[selection[k]]);
            }
        }

        private void writeFloats(FloatVector vector, int[] selection, int rows) throws IOException {
            float[] values = vector.values;
            align();
            if (selection == null) {
                for (int off = 0; off < rows; ) {
                    if (buf.length - pos < 4) {
                        drain();
                    }
                    int chunk = Math.min(rows - off, (buf.length - pos) >>> 2);
                    floats.put(pos >>> 2, values, off, chunk);
                    pos += chunk << 2;
                    off += chunk;
                }
                return;
            }
            for (int k = 0; k < rows; k++) {
                ensure(4);
                bytes.putFloat(pos, values[selection[k]]);
                pos += 4;
            }
        }

        private void writeDoubles(DoubleVector vector, int[] selection, int rows) throws IOException {
            double[] values = vector.values;
            align();
            if (selection == null) {
                for (int off = 0; off < rows; ) {
                    if (buf.length - pos < 8) {
                        drain();
                    }
                    int chunk = Math.min(rows - off, (buf.length - pos) >>> 3);
                    doubles.put(pos >>> 3, values, off, chunk);
                    pos += chunk << 3;
                    off += chunk;
                }
                return;
            }
            for (int k = 0; k < rows; k++) {
                ensure(8);
                bytes.putDouble(pos, values[selection[k]]);
                pos += 8;
            }
        }

        private void writeBytes(BytesVector vector, int[] selection, int rows) throws IOException {
            int[] offsets = vector.offsets;
            byte[] data = vector.data;
            align();
            long total = 0;
            for (int k = 0; k < rows; k++) {
                int row = selection == null ? k : selection[k];
                int length = offsets[row + 1] - offsets[row];
                total += length;
                ensure(4);
                putInt(length);
            }
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A column of more than 2 GiB cannot be written");
            }
            ensure(4);
            putInt((int) total);
            if (selection == null) {
                putBytes(data, offsets[0], offsets[rows] - offsets[0]);
            } else {
                for (int k = 0; k < rows; k++) {
                    int row = selection[k];
                    putBytes(data, offsets[row], offsets[row + 1] - offsets[row]);
                }
            }
        }

        private void writeObjects(ObjectVector vector, int[] selection, int rows, boolean nulls) throws IOException {
            Object[] values = vector.values;
            for (int k = 0; k < rows; k++) {
                int row = selection == null ? k : selection[k];
                if (!nulls || !vector.isNull(row)) {
                    writeObject(values[row], 0);
                }
            }
        }

        private void writeObject(Object value, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("A value nested more than " + MAX_DEPTH + " deep cannot be written");
            }
            ensure(9);
            if (value == null) {
                putByte(TAG_NULL);
            } else if (value instanceof BigDecimal decimal) {
                byte[] unscaled = decimal.unscaledValue().toByteArray();
                putByte(TAG_DECIMAL);
                putInt(decimal.scale());
                ensure(4);
                putInt(unscaled.length);
                putBytes(unscaled, 0, unscaled.length);
            } else if (value instanceof String string) {
                byte[] utf8 = string.getBytes(UTF_8);
                putByte(TAG_STRING);
                putInt(utf8.length);
                putBytes(utf8, 0, utf8.length);
            } else if (value instanceof byte[] binary) {
                putByte(TAG_BINARY);
                putInt(binary.length);
                putBytes(binary, 0, binary.length);
            } else if (value instanceof Integer number) {
                putByte(TAG_INT);
                putInt(number);
            } else if (value instanceof Long number) {
                putByte(TAG_LONG);
                putLong(number);
            } else if (value instanceof Double number) {
                putByte(TAG_DOUBLE);
                putLong(Double.doubleToRawLongBits(number));
            } else if (value instanceof Float number) {
                putByte(TAG_FLOAT);
                putInt(Float.floatToRawIntBits(number));
            } else if (value instanceof Short number) {
                putByte(TAG_SHORT);
                bytes.putShort(pos, number);
                pos += 2;
            } else if (value instanceof Byte number) {
                putByte(TAG_BYTE);
                putByte(number);
            } else if (value instanceof Boolean bool) {
                putByte(TAG_BOOLEAN);
                putByte(bool ? (byte) 1 : (byte) 0);
            } else if (value instanceof List<?> list) {
                putByte(TAG_LIST);
                putInt(list.size());
                for (Object element : list) {
                    writeObject(element, depth + 1);
                }
            } else if (value instanceof Map<?, ?> map) {
                putByte(TAG_MAP);
                putInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    writeObject(entry.getKey(), depth + 1);
                    writeObject(entry.getValue(), depth + 1);
                }
            } else if (value instanceof Object[] struct) {
                putByte(TAG_STRUCT);
                putInt(struct.length);
                for (Object field : struct) {
                    writeObject(field, depth + 1);
                }
            } else {
                throw new IllegalArgumentException(
                        "A value of " + value.getClass().getName() + " is not an internal value of SQL");
            }
        }

        // -------------------------------------------------------------------------------- the buffer

        /** Makes room for {@code n} bytes, {@code n} at most 16. */
        private void ensure(int n) throws IOException {
            if (buf.length - pos < n) {
                drain();
            }
        }

        /** Writes the buffer but the last {@code pos % 8} bytes, which move to its start: positions stay aligned. */
        private void drain() throws IOException {
            int whole = pos & ~7;
            out.write(buf, 0, whole);
            System.arraycopy(buf, whole, buf, 0, pos - whole);
            pos -= whole;
        }

        private void align() throws IOException {
            ensure(8);
            while ((pos & 7) != 0) {
                buf[pos++] = 0;
            }
        }

        private void putByte(byte value) {
            buf[pos++] = value;
        }

        private void putInt(int value) {
            bytes.putInt(pos, value);
            pos += 4;
        }

        private void putLong(long value) {
            bytes.putLong(pos, value);
            pos += 8;
        }

        private void putBytes(byte[] source, int off, int length) throws IOException {
            if (length <= buf.length - pos) {
                System.arraycopy(source, off, buf, pos, length);
                pos += length;
                return;
            }
            // Fill the buffer, write it, and what is left goes through the buffer when it fits (keeping positions).
            while (length > 0) {
                int chunk = Math.min(length, buf.length - pos);
                System.arraycopy(source, off, buf, pos, chunk);
                pos += chunk;
                off += chunk;
                length -= chunk;
                if (pos == buf.length) {
                    drain();
                }
            }
        }

        private void putIntArray(int[] values, int off, int count) throws IOException {
            align();
            int end = off + count;
            while (off < end) {
                if (buf.length - pos < 4) {
                    drain();
                }
                int chunk = Math.min(end - off, (buf.length - pos) >>> 2);
                ints.put(pos >>> 2, values, off, chunk);
                pos += chunk << 2;
                off += chunk;
            }
        }

        private void putLongArray(long[] values, int off, int count) throws IOException {
            align();
            int end = off + count;
            while (off < end) {
                if (buf.length - pos < 8) {
                    drain();
                }
                int chunk = Math.min(end - off, (buf.length - pos) >>> 3);
                longs.put(pos >>> 3, values, off, chunk);
                pos += chunk << 3;
                off += chunk;
            }
        }
    }

    // ==================================================================================================== reading

    /**
     * Reads batches from a stream through a buffer, validating what it reads. The position of every byte in the
     * buffer is that in the stream (from where the reader started) modulo 8, as for the writer.
     */
    public final class Reader implements Closeable {
        private final InputStream in;
        private final byte[] buf = new byte[BUFFER_SIZE];
        private final ByteBuffer bytes = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        private final IntBuffer ints = bytes.asIntBuffer();
        private final LongBuffer longs = bytes.asLongBuffer();
        private final FloatBuffer floats = bytes.asFloatBuffer();
        private final DoubleBuffer doubles = bytes.asDoubleBuffer();
        private int pos;
        private int lim;
        /** Bytes read from the stream so far. */
        private long filled;
        /** Where the batch being read starts in the stream. */
        private long batchStart;

        private int batchNumber;
        /** What is being read, for messages. */
        private String where = "";

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next batch, or null if the stream ends before one starts. */
        public ColumnBatch next() throws IOException {
            if (atEnd()) {
                return null;
            }
            batchStart = consumed();
            where = "the header of batch " + batchNumber;
            require(12);
            int magic = readInt();
            if (magic != MAGIC) {
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
                int words = nullWords(rows);
                nulls = readLongArray(words);
                if ((rows & 63) != 0 && words > 0) {
                    nulls[words - 1] &= (1L << rows) - 1;
                }
            } else if (flag != 0) {
                throw corrupt("the null flag is " + flag + ", neither 0 nor 1");
            }
            switch (kinds[column]) {
                case BOOLEAN: {
                    long[] words = readLongArray(nullWords(rows));
                    boolean[] values = new boolean[rows];
                    for (int row = 0; row < rows; row++) {
                        values[row] = (words[row >>> 6] & (1L << row)) != 0;
                    }
                    return new BooleanVector(values, rows, nulls);
                }
                case INT:
                    return new IntVector(type, readInts(rows, intWidth(type)), rows, nulls);
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
            Object[] values = new Object[Math.min(rows, DIRECT_ALLOCATION)];
            for (int row = 0; row < rows; row++) {
                if (row == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(rows, 2L * values.length));
                }
                if (nulls == null || (nulls[row >>> 6] & (1L << row)) == 0) {
                    Object value = readObject(0);
                    checkValue(type, value, row);
                    values[row] = value;
                }
            }
            return new ObjectVector(type, values, rows, nulls);
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

        private Object readObject(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw corrupt("a value is nested more than " + MAX_DEPTH + " deep");
            }
            require(1);
            byte tag = buf[pos++];
            switch (tag) {
                case TAG_NULL:
                    return null;
                case TAG_BOOLEAN: {
                    require(1);
                    byte value = buf[pos++];
                    if (value != 0 && value != 1) {
                        throw corrupt("a boolean is " + value);
                    }
                    return value == 1;
                }
                case TAG_BYTE:
                    require(1);
                    return buf[pos++];
                case TAG_SHORT: {
                    require(2);
                    short value = bytes.getShort(pos);
                    pos += 2;
                    return value;
                }
                case TAG_INT:
                    require(4);
                    return readInt();
                case TAG_LONG:
                    require(8);
                    return readLong();
                case TAG_FLOAT:
                    require(4);
                    return Float.intBitsToFloat(readInt());
                case TAG_DOUBLE:
                    require(8);
                    return Double.longBitsToDouble(readLong());
                case TAG_STRING:
                    return new String(readByteArray(readLength("a string")), UTF_8);
                case TAG_BINARY:
                    return readByteArray(readLength("a binary value"));
                case TAG_DECIMAL: {
                    require(8);
                    int scale = readInt();
                    int length = readInt();
                    if (length < 1 || length > MAX_DECIMAL_BYTES) {
                        throw corrupt("a decimal has " + length + " bytes");
                    }
                    return new BigDecimal(new BigInteger(readByteArray(length)), scale);
                }
                case TAG_LIST: {
                    int size = readLength("a list");
                    List<Object> list = new ArrayList<>(Math.min(size, 16));
                    for (int i = 0; i < size; i++) {
                        list.add(readObject(depth + 1));
                    }
                    return list;
                }
                case TAG_MAP: {
                    int size = readLength("a map");
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) {
                        Object key = readObject(depth + 1);
                        map.put(key, readObject(depth + 1));
                    }
                    if (map.size() != size) {
                        throw corrupt("a map of " + size + " entries repeats a key");
                    }
                    return map;
                }
                case TAG_STRUCT: {
                    int size = readLength("a struct");
                    Object[] fields = new Object[Math.min(size, 1024)];
                    for (int i = 0; i < size; i++) {
                        if (i == fields.length) {
                            fields = Arrays.copyOf(fields, (int) Math.min(size, 2L * fields.length));
                        }
                        fields[i] = readObject(depth + 1);
                    }
                    return fields;
                }
                default:
                    throw corrupt("unknown value tag " + tag);
            }
        }

        /** A length or count: not negative, and each of its items takes a byte at least, within the batch's limit. */
        private int readLength(String what) throws IOException {
            require(4);
            int length = readInt();
            if (length < 0) {
                throw corrupt(what + " has the negative length " + length);
            }
            checkBudget(length);
            return length;
        }

        // -------------------------------------------------------------------------------- the buffer

        private long consumed() {
            return filled - (lim - pos);
        }

        /** Fails if {@code more} bytes past what was read would take the batch beyond its limit. */
        private void checkBudget(long more) throws IOException {
            long size = consumed() - batchStart + more;
            if (size > maxBytesPerBatch) {
                throw corrupt("the batch would take more than the limit of " + maxBytesPerBatch + " bytes");
            }
        }

        private IOException corrupt(String what) {
            return new IOException("Corrupt batch stream at byte " + consumed() + ", reading " + where + ": " + what);
        }

        /** Makes {@code n} bytes (at most 16) available from {@code pos}. */
        private void require(int n) throws IOException {
            if (lim - pos < n) {
                compact();
                while (lim - pos < n) {
                    fill(n);
                }
            }
        }

        /** Moves what is left to the start of the buffer, at the same position modulo 8. */
        private void compact() {
            int left = lim - pos;
            int to = pos & 7;
            System.arraycopy(buf, pos, buf, to, left);
            pos = to;
            lim = to + left;
        }

        private void fill(int needed) throws IOException {
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                throw new EOFException("The stream ends inside a batch, reading " + where + ": "
                        + (needed - (lim - pos)) + " more bytes were expected after byte " + filled);
            }
            lim += read;
            filled += read;
        }

        private int readInt() {
            int value = bytes.getInt(pos);
            pos += 4;
            return value;
        }

        private long readLong() {
            long value = bytes.getLong(pos);
            pos += 8;
            return value;
        }

        /** Skips the zero bytes up to a position that is a multiple of 8. */
        private void skipPadding() throws IOException {
            while ((pos & 7) != 0) {
                require(1);
                if (buf[pos++] != 0) {
                    throw corrupt("a padding byte is not zero");
                }
            }
        }

        /** Makes at least one value of {@code width} bytes available, aligned. */
        private int available(int width) throws IOException {
            if (lim - pos < width) {
                require(width);
            }
            return (lim - pos) / width;
        }

        private byte[] readByteArray(int length) throws IOException {
            byte[] values = new byte[Math.min(length, DIRECT_ALLOCATION)];
            int done = 0;
            while (done < length) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(length, 2L * values.length));
                }
                int wanted = values.length - done;
                if (pos < lim) {
                    int chunk = Math.min(wanted, lim - pos);
                    System.arraycopy(buf, pos, values, done, chunk);
                    pos += chunk;
                    done += chunk;
                } else if (wanted >= buf.length) {
                    // Large: straight from the stream, leaving the empty buffer at the position the stream reaches.
                    int read = in.read(values, done, wanted);
                    if (read < 0) {
                        throw new EOFException("The stream ends inside a batch, reading " + where + ": "
                                + (length - done) + " more bytes were expected after byte " + filled);
                    }
                    done += read;
                    filled += read;
                    pos = (pos + read) & 7;
                    lim = pos;
                } else {
                    compact();
                    fill(length - done);
                }
            }
            return values;
        }

        private int[] readIntArray(int count) throws IOException {
            skipPadding();
            checkBudget(4L * count);
            int[] values = new int[Math.min(count, DIRECT_ALLOCATION >>> 2)];
            int done = 0;
            while (done < count) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
                }
                int chunk = Math.min(values.length - done, available(4));
                ints.get(pos >>> 2, values, done, chunk);
                pos += chunk << 2;
                done += chunk;
            }
            return values;
        }

        private long[] readLongArray(int count) throws IOException {
            skipPadding();
            checkBudget(8L * count);
            long[] values = new long[Math.min(count, DIRECT_ALLOCATION >>> 3)];
            int done = 0;
            while (done < count) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
                }
                int chunk = Math.min(values.length - done, available(8));
                longs.get(pos >>> 3, values, done, chunk);
                pos += chunk << 3;
                done += chunk;
            }
            return values;
        }

        private float[] readFloatArray(int count) throws IOException {
            skipPadding();
            checkBudget(4L * count);
            float[] values = new float[Math.min(count, DIRECT_ALLOCATION >>> 2)];
            int done = 0;
            while (done < count) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
                }
                int chunk = Math.min(values.length - done, available(4));
                floats.get(pos >>> 2, values, done, chunk);
                pos += chunk << 2;
                done += chunk;
            }
            return values;
        }

        private double[] readDoubleArray(int count) throws IOException {
            skipPadding();
            checkBudget(8L * count);
            double[] values = new double[Math.min(count, DIRECT_ALLOCATION >>> 3)];
            int done = 0;
            while (done < count) {
                if (done == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
                }
                int chunk = Math.min(values.length - done, available(8));
                doubles.get(pos >>> 3, values, done, chunk);
                pos += chunk << 3;
                done += chunk;
            }
            return values;
        }
    }
}
