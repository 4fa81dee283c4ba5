package dev.ember.sql.vector;

import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;
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

    static final int BUFFER_SIZE = 1 << 16;
    /** Arrays above this many bytes are allocated as their bytes arrive rather than all at once. */
    static final int DIRECT_ALLOCATION = 1 << 20;

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

    /**
     * The rows of the one batch serialized in {@code bytes}, from its header alone (whether the rest is sound is
     * found when it is read); fails if the bytes do not start with a batch's header.
     */
    public static int rowsIn(byte[] bytes) throws IOException {
        if (bytes.length < 12) {
            throw new EOFException("No batch header in " + bytes.length + " bytes");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(0) != MAGIC) {
            throw new IOException("The bytes do not start with a batch's marker");
        }
        int rows = header.getInt(4);
        if (rows < 0 || rows > DEFAULT_MAX_ROWS_PER_BATCH) {
            throw new IOException(
                    "A batch header with " + rows + " rows, out of the range 0 to " + DEFAULT_MAX_ROWS_PER_BATCH);
        }
        return rows;
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

    static int nullWords(int rows) {
        return (rows + 63) >>> 6;
    }

    static int intWidth(DataType type) {
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
        private final BatchWriter writer;

        Writer(OutputStream out, int bufferSize) {
            this.writer = new BatchWriter(types, kinds, out, bufferSize);
        }

        /** Writes the selected rows of {@code batch}, which must have the serializer's column types. */
        public void write(ColumnBatch batch) throws IOException {
            writer.write(batch);
        }

        /** Writes what is buffered to the stream, and flushes it. */
        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        /** Flushes, and closes the stream. */
        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    // ==================================================================================================== reading

    /**
     * Reads batches from a stream through a buffer, validating what it reads. The position of every byte in the
     * buffer is that in the stream (from where the reader started) modulo 8, as for the writer.
     */
    public final class Reader implements Closeable {
        private final BatchReader reader;

        Reader(InputStream in) {
            this.reader = new BatchReader(types, kinds, maxRowsPerBatch, maxBytesPerBatch, in);
        }

        /** The next batch, or null if the stream ends before one starts. */
        public ColumnBatch next() throws IOException {
            return reader.next();
        }

        /** Whether the stream ends here. */
        boolean atEnd() throws IOException {
            return reader.atEnd();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
