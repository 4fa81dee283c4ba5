package dev.ember.network.protocol;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes a server sends as a stream: a heap buffer, or a segment of a file that goes from the page cache to the
 * socket without being copied into the JVM ({@code sendfile}) unless TLS has to encrypt it.
 */
public sealed interface ManagedBuffer {
    long size();

    /**
     * What the encoder writes: a Netty buffer, a {@link io.netty.channel.FileRegion} when {@code zeroCopy}, or a
     * chunked file input for the chunked writer when not. Opens the file if there is one; Netty closes it once
     * written.
     */
    Object nettyBody(boolean zeroCopy) throws IOException;

    static ManagedBuffer of(ByteBuffer bytes) {
        return new Bytes(bytes);
    }

    static ManagedBuffer ofFile(Path file, long offset, long length) {
        return new FileSegment(file, offset, length);
    }

    record Bytes(ByteBuffer bytes) implements ManagedBuffer {
        public Bytes {
            bytes = requireNonNull(bytes, "bytes is null").duplicate();
        }

        @Override
        public long size() {
            return bytes.remaining();
        }

        @Override
        public Object nettyBody(boolean zeroCopy) {
            return Unpooled.wrappedBuffer(bytes.duplicate());
        }
    }

    record FileSegment(Path file, long offset, long length) implements ManagedBuffer {
        public FileSegment {
            requireNonNull(file, "file is null");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
            }
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public Object nettyBody(boolean zeroCopy) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                if (channel.size() < offset + length) {
                    throw new IOException(file + " holds " + channel.size() + " bytes, fewer than the segment ["
                            + offset + ", " + (offset + length) + ") to send");
                }
                return zeroCopy
                        ? new DefaultFileRegion(channel, offset, length)
                        : new ChunkedNioFile(channel, offset, length, 64 * 1024);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }
}
