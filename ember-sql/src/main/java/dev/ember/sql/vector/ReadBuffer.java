package dev.ember.sql.vector;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * The buffer a {@link BatchReader} reads through, and the limit of the bytes of one batch. The position of every
 * byte in the buffer is that in the stream (from where the reader started) modulo 8, as for the writer. Reading
 * past the limit or past the end of the stream fails saying where.
 */
class ReadBuffer {
    final InputStream in;
    final byte[] buf = new byte[BatchSerializer.BUFFER_SIZE];
    private final ByteBuffer bytes = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    private final IntBuffer ints = bytes.asIntBuffer();
    private final LongBuffer longs = bytes.asLongBuffer();
    private final FloatBuffer floats = bytes.asFloatBuffer();
    private final DoubleBuffer doubles = bytes.asDoubleBuffer();
    int pos;
    int lim;
    /** Bytes read from the stream so far. */
    long filled;
    /** Where the batch being read starts in the stream. */
    long batchStart;
    /** What is being read, for messages. */
    String where = "";

    private final long maxBytesPerBatch;

    ReadBuffer(InputStream in, long maxBytesPerBatch) {
        this.in = in;
        this.maxBytesPerBatch = maxBytesPerBatch;
    }

    /** A length or count: not negative, and each of its items takes a byte at least, within the batch's limit. */
    int readLength(String what) throws IOException {
        require(4);
        int length = readInt();
        if (length < 0) {
            throw corrupt(what + " has the negative length " + length);
        }
        checkBudget(length);
        return length;
    }

    long consumed() {
        return filled - (lim - pos);
    }

    /** Fails if {@code more} bytes past what was read would take the batch beyond its limit. */
    void checkBudget(long more) throws IOException {
        long size = consumed() - batchStart + more;
        if (size > maxBytesPerBatch) {
            throw corrupt("the batch would take more than the limit of " + maxBytesPerBatch + " bytes");
        }
    }

    IOException corrupt(String what) {
        return new IOException("Corrupt batch stream at byte " + consumed() + ", reading " + where + ": " + what);
    }

    /** Makes {@code n} bytes (at most 16) available from {@code pos}. */
    void require(int n) throws IOException {
        if (lim - pos < n) {
            compact();
            while (lim - pos < n) {
                fill(n);
            }
        }
    }

    /** Moves what is left to the start of the buffer, at the same position modulo 8. */
    void compact() {
        int left = lim - pos;
        int to = pos & 7;
        System.arraycopy(buf, pos, buf, to, left);
        pos = to;
        lim = to + left;
    }

    void fill(int needed) throws IOException {
        int read = in.read(buf, lim, buf.length - lim);
        if (read < 0) {
            throw new EOFException("The stream ends inside a batch, reading " + where + ": " + (needed - (lim - pos))
                    + " more bytes were expected after byte " + filled);
        }
        lim += read;
        filled += read;
    }

    int readInt() {
        int value = bytes.getInt(pos);
        pos += 4;
        return value;
    }

    long readLong() {
        long value = bytes.getLong(pos);
        pos += 8;
        return value;
    }

    byte readByte() {
        return buf[pos++];
    }

    short readShort() {
        short value = bytes.getShort(pos);
        pos += 2;
        return value;
    }

    /** Skips the zero bytes up to a position that is a multiple of 8. */
    void skipPadding() throws IOException {
        while ((pos & 7) != 0) {
            require(1);
            if (buf[pos++] != 0) {
                throw corrupt("a padding byte is not zero");
            }
        }
    }

    /** Makes at least one value of {@code width} bytes available, aligned. */
    int available(int width) throws IOException {
        if (lim - pos < width) {
            require(width);
        }
        return (lim - pos) / width;
    }

    byte[] readByteArray(int length) throws IOException {
        byte[] values = new byte[Math.min(length, BatchSerializer.DIRECT_ALLOCATION)];
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
                    throw new EOFException("The stream ends inside a batch, reading " + where + ": " + (length - done)
                            + " more bytes were expected after byte " + filled);
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

    int[] readIntArray(int count) throws IOException {
        skipPadding();
        checkBudget(4L * count);
        int[] values = new int[Math.min(count, BatchSerializer.DIRECT_ALLOCATION >>> 2)];
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

    long[] readLongArray(int count) throws IOException {
        skipPadding();
        checkBudget(8L * count);
        long[] values = new long[Math.min(count, BatchSerializer.DIRECT_ALLOCATION >>> 3)];
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

    float[] readFloatArray(int count) throws IOException {
        skipPadding();
        checkBudget(4L * count);
        float[] values = new float[Math.min(count, BatchSerializer.DIRECT_ALLOCATION >>> 2)];
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

    double[] readDoubleArray(int count) throws IOException {
        skipPadding();
        checkBudget(8L * count);
        double[] values = new double[Math.min(count, BatchSerializer.DIRECT_ALLOCATION >>> 3)];
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
