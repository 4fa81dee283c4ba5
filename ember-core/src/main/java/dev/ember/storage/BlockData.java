package dev.ember.storage;

import dev.ember.io.ByteBufferInputStream;
import dev.ember.io.ChunkedByteBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of a block, wherever they are: in memory or a region of a file. Readers open streams; the holder
 * disposes it when done (freeing direct memory, or nothing for files).
 */
public interface BlockData {
    /** A new stream over the bytes. */
    InputStream toInputStream();

    /** The bytes in memory (read from disk if needed). */
    ChunkedByteBuffer toChunkedByteBuffer();

    long size();

    /** Releases resources; the data must not be used afterwards. */
    void dispose();

    /** The file region holding the bytes, when they are in a file (so they can be sent without copying). */
    default Optional<FileSegment> fileSegment() {
        return Optional.empty();
    }

    /** Bytes already in memory. */
    static BlockData of(ChunkedByteBuffer bytes) {
        return new BlockData() {
            @Override
            public InputStream toInputStream() {
                return bytes.toInputStream();
            }

            @Override
            public ChunkedByteBuffer toChunkedByteBuffer() {
                return bytes;
            }

            @Override
            public long size() {
                return bytes.size();
            }

            @Override
            public void dispose() {}
        };
    }

    /** A region of a file, read when asked. */
    static BlockData of(FileSegment segment) {
        return new BlockData() {
            @Override
            public InputStream toInputStream() {
                try {
                    FileChannel channel = FileChannel.open(segment.file().toPath(), StandardOpenOption.READ);
                    channel.position(segment.offset());
                    InputStream whole = Channels.newInputStream(channel);
                    return new BoundedInputStream(whole, segment.length());
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to open " + segment.file(), e);
                }
            }

            @Override
            public ChunkedByteBuffer toChunkedByteBuffer() {
                try (FileChannel channel = FileChannel.open(segment.file().toPath(), StandardOpenOption.READ)) {
                    List<ByteBuffer> chunks = new ArrayList<>();
                    long remaining = segment.length();
                    long position = segment.offset();
                    while (remaining > 0) {
                        int size = (int) Math.min(remaining, 64L << 20);
                        ByteBuffer chunk = ByteBuffer.allocate(size);
                        while (chunk.hasRemaining()) {
                            int read = channel.read(chunk, position + chunk.position());
                            if (read < 0) {
                                throw new IOException(
                                        "Unexpected end of " + segment.file() + " at " + (position + chunk.position()));
                            }
                        }
                        chunk.flip();
                        chunks.add(chunk);
                        remaining -= size;
                        position += size;
                    }
                    return new ChunkedByteBuffer(chunks);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to read " + segment.file(), e);
                }
            }

            @Override
            public long size() {
                return segment.length();
            }

            @Override
            public Optional<FileSegment> fileSegment() {
                return Optional.of(segment);
            }

            @Override
            public void dispose() {}
        };
    }

    /** One buffer. */
    static BlockData of(ByteBuffer buffer) {
        return new BlockData() {
            @Override
            public InputStream toInputStream() {
                return new ByteBufferInputStream(buffer);
            }

            @Override
            public ChunkedByteBuffer toChunkedByteBuffer() {
                return new ChunkedByteBuffer(List.of(buffer.duplicate()));
            }

            @Override
            public long size() {
                return buffer.remaining();
            }

            @Override
            public void dispose() {}
        };
    }
}
