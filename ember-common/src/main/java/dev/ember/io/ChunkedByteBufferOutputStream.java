package dev.ember.io;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Collects written bytes into chunks of a fixed size, allocated by the given function (heap or direct), and
 * hands them over as a {@link ChunkedByteBuffer}. Growing never copies what was already written.
 */
public final class ChunkedByteBufferOutputStream extends OutputStream {
    private final int chunkSize;
    private final IntFunction<ByteBuffer> allocator;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private ByteBuffer current;
    private long size;
    private boolean closed;

    public ChunkedByteBufferOutputStream(int chunkSize, IntFunction<ByteBuffer> allocator) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.allocator = allocator;
    }

    /** A stream allocating heap chunks. */
    public static ChunkedByteBufferOutputStream onHeap(int chunkSize) {
        return new ChunkedByteBufferOutputStream(chunkSize, ByteBuffer::allocate);
    }

    @Override
    public void write(int value) {
        ensureSpace();
        current.put((byte) value);
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int written = 0;
        while (written < length) {
            ensureSpace();
            int count = Math.min(length - written, current.remaining());
            current.put(bytes, offset + written, count);
            written += count;
        }
        size += length;
    }

    private void ensureSpace() {
        if (closed) {
            throw new IllegalStateException("stream is closed");
        }
        if (current == null || !current.hasRemaining()) {
            current = allocator.apply(chunkSize);
            chunks.add(current);
        }
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The bytes written, as read-mode buffers. Closes the stream. */
    public ChunkedByteBuffer toChunkedByteBuffer() {
        close();
        List<ByteBuffer> flipped = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            // The chunks themselves (not duplicates) change hands, so direct ones can be freed on dispose.
            chunk.flip();
            flipped.add(chunk);
        }
        chunks.clear();
        current = null;
        return new ChunkedByteBuffer(flipped);
    }
}
