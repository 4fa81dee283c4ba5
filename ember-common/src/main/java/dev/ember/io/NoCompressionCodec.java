package dev.ember.io;

import java.io.InputStream;
import java.io.OutputStream;

/** Passes bytes through unchanged. */
public final class NoCompressionCodec implements CompressionCodec {
    private static final long serialVersionUID = 1L;

    public static final NoCompressionCodec INSTANCE = new NoCompressionCodec();

    private NoCompressionCodec() {}

    @Override
    public OutputStream compressedOutputStream(OutputStream out) {
        return out;
    }

    @Override
    public InputStream compressedInputStream(InputStream in) {
        return in;
    }

    @Override
    public String name() {
        return "none";
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
