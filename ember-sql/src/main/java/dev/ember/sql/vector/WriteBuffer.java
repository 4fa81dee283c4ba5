package dev.ember.sql.vector;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * The buffer a {@link BatchWriter} writes through. The position of every byte in the buffer is that in the stream
 * modulo 8, so that a primitive array aligned in the stream is copied in bulk through a view of the buffer.
 */
class WriteBuffer implements Closeable, Flushable {
    final OutputStream out;
    final byte[] buf;
    final ByteBuffer bytes;
    private final IntBuffer ints;
    private final LongBuffer longs;
    final FloatBuffer floats;
    final DoubleBuffer doubles;
    int pos;

    WriteBuffer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(64, bufferSize & ~7)];
        this.bytes = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        this.ints = bytes.asIntBuffer();
        this.longs = bytes.asLongBuffer();
        this.floats = bytes.asFloatBuffer();
        this.doubles = bytes.asDoubleBuffer();
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

    /** Makes room for {@code n} bytes, {@code n} at most 16. */
    void ensure(int n) throws IOException {
        if (buf.length - pos < n) {
            drain();
        }
    }

    /** Writes the buffer but the last {@code pos % 8} bytes, which move to its start: positions stay aligned. */
    void drain() throws IOException {
        int whole = pos & ~7;
        out.write(buf, 0, whole);
        System.arraycopy(buf, whole, buf, 0, pos - whole);
        pos -= whole;
    }

    void align() throws IOException {
        ensure(8);
        while ((pos & 7) != 0) {
            buf[pos++] = 0;
        }
    }

    void putByte(byte value) {
        buf[pos++] = value;
    }

    void putInt(int value) {
        bytes.putInt(pos, value);
        pos += 4;
    }

    void putLong(long value) {
        bytes.putLong(pos, value);
        pos += 8;
    }

    void putShort(short value) {
        bytes.putShort(pos, value);
        pos += 2;
    }

    void putBytes(byte[] source, int off, int length) throws IOException {
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

    void putIntArray(int[] values, int off, int count) throws IOException {
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

    void putLongArray(long[] values, int off, int count) throws IOException {
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
