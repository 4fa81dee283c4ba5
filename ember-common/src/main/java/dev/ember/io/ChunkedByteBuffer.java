package dev.ember.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Bytes held as a list of buffers, so one block may be larger than a Java array and off-heap blocks need no copy.
 * The buffers are owned by this object (callers hand them over and must not touch them again); {@link #dispose()} frees direct buffers at once instead
 * of waiting for garbage collection.
 */
public final class ChunkedByteBuffer {
    private static final Method INVOKE_CLEANER;
    private static final Object UNSAFE;

    static {
        Method method = null;
        Object unsafe = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            method = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without it direct buffers are freed by the garbage collector; nothing else changes.
        }
        INVOKE_CLEANER = method;
        UNSAFE = unsafe;
    }

    private final List<ByteBuffer> chunks;
    private final long size;
    private volatile boolean disposed;

    public ChunkedByteBuffer(List<ByteBuffer> chunks) {
        requireNonNull(chunks, "chunks is null");
        // Ownership of the buffers passes to this object; every read goes through a duplicate, so positions
        // never move and direct buffers stay cleanable.
        this.chunks = List.copyOf(chunks);
        long total = 0;
        for (ByteBuffer chunk : this.chunks) {
            total += chunk.remaining();
        }
        this.size = total;
    }

    /** Wraps one array without copying. */
    public static ChunkedByteBuffer wrap(byte[] bytes) {
        return new ChunkedByteBuffer(List.of(ByteBuffer.wrap(bytes)));
    }

    public long size() {
        return size;
    }

    /** Read-only duplicates of the chunks; positions of the returned buffers may be changed freely. */
    public List<ByteBuffer> chunks() {
        checkNotDisposed();
        List<ByteBuffer> views = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            views.add(chunk.asReadOnlyBuffer());
        }
        return views;
    }

    /** Whether the bytes live outside the Java heap. */
    public boolean isDirect() {
        return !chunks.isEmpty() && chunks.get(0).isDirect();
    }

    /** A stream over all chunks in order. */
    public InputStream toInputStream() {
        checkNotDisposed();
        List<InputStream> streams = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            streams.add(new ByteBufferInputStream(chunk));
        }
        Enumeration<InputStream> enumeration = Collections.enumeration(streams);
        return new SequenceInputStream(enumeration);
    }

    /** Copies all bytes into one array. */
    public byte[] toArray() {
        checkNotDisposed();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("A block of " + size + " bytes does not fit in one array");
        }
        byte[] bytes = new byte[(int) size];
        int offset = 0;
        for (ByteBuffer chunk : chunks) {
            ByteBuffer view = chunk.duplicate();
            int length = view.remaining();
            view.get(bytes, offset, length);
            offset += length;
        }
        return bytes;
    }

    /** Writes all bytes to {@code channel}. */
    public void writeFully(WritableByteChannel channel) throws IOException {
        checkNotDisposed();
        for (ByteBuffer chunk : chunks) {
            ByteBuffer view = chunk.duplicate();
            while (view.hasRemaining()) {
                channel.write(view);
            }
        }
    }

    /** Writes all bytes to {@code out}. */
    public void writeFully(OutputStream out) throws IOException {
        checkNotDisposed();
        byte[] copy = new byte[64 * 1024];
        for (ByteBuffer chunk : chunks) {
            ByteBuffer view = chunk.duplicate();
            if (view.hasArray()) {
                out.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
                continue;
            }
            while (view.hasRemaining()) {
                int length = Math.min(copy.length, view.remaining());
                view.get(copy, 0, length);
                out.write(copy, 0, length);
            }
        }
    }

    /** Frees direct buffers now. The object must not be used afterwards. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        if (INVOKE_CLEANER == null) {
            return;
        }
        for (ByteBuffer chunk : chunks) {
            if (chunk.isDirect()) {
                try {
                    INVOKE_CLEANER.invoke(UNSAFE, chunk);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // A slice cannot be cleaned; the collector will free it.
                }
            }
        }
    }

    private void checkNotDisposed() {
        if (disposed) {
            throw new IllegalStateException("ChunkedByteBuffer used after dispose()");
        }
    }
}
