package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompressionAndBuffersTest {
    /** Text-like data: words from a small vocabulary, so repeated sequences are frequent. */
    private static byte[] compressible(int size) {
        String[] words = {"ember ", "spark ", "shuffle ", "stage ", "task ", "block ", "memory ", "disk "};
        byte[] data = new byte[size];
        Random random = new Random(1);
        int position = 0;
        while (position < size) {
            byte[] word = words[random.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int length = Math.min(word.length, size - position);
            System.arraycopy(word, 0, data, position, length);
            position += length;
        }
        return data;
    }

    @Test
    void lz4RoundTripsAndCompresses() throws IOException {
        CompressionCodec codec = CompressionCodec.fromConf(new EmberConf(false));
        assertThat(codec.name()).isEqualTo("lz4");
        byte[] data = compressible(300_000);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = codec.compressedOutputStream(compressed)) {
            out.write(data);
        }
        assertThat(compressed.size()).isLessThan(data.length / 2);
        try (InputStream in = codec.compressedInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void lz4DetectsCorruption() throws IOException {
        CompressionCodec codec = CompressionCodec.fromConf(new EmberConf(false));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = codec.compressedOutputStream(compressed)) {
            out.write(compressible(10_000));
        }
        byte[] damaged = compressed.toByteArray();
        damaged[damaged.length / 2] ^= 0x55;
        assertThatThrownBy(() -> {
                    try (InputStream in = codec.compressedInputStream(new ByteArrayInputStream(damaged))) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownCodecIsRejected() {
        assertThatThrownBy(() ->
                        CompressionCodec.fromConf(new EmberConf(false).set("ember.io.compression.codec", "brotli")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("brotli")
                .hasMessageContaining("lz4 or none");
        assertThat(CompressionCodec.fromConf(new EmberConf(false).set("ember.io.compression.codec", "none"))
                        .name())
                .isEqualTo("none");
    }

    @Test
    void nonClosingStreamFlushesButLeavesTheTargetOpen() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("must not be closed");
            }
        };
        try (OutputStream out = new NonClosingOutputStream(target)) {
            out.write(new byte[] {1, 2});
        }
        assertThat(target.toByteArray()).containsExactly(1, 2);
    }

    @Test
    void chunkedBuffersHoldWritesAcrossChunksOnAndOffHeap() throws IOException {
        for (boolean direct : new boolean[] {false, true}) {
            ChunkedByteBufferOutputStream out =
                    new ChunkedByteBufferOutputStream(1000, direct ? ByteBuffer::allocateDirect : ByteBuffer::allocate);
            byte[] data = compressible(4567);
            out.write(data, 0, 100);
            out.write(data[100]);
            out.write(data, 101, data.length - 101);
            ChunkedByteBuffer buffer = out.toChunkedByteBuffer();
            assertThat(buffer.size()).isEqualTo(data.length);
            assertThat(buffer.chunks()).hasSize(5);
            assertThat(buffer.isDirect()).isEqualTo(direct);
            assertThat(buffer.toArray()).isEqualTo(data);
            assertThat(buffer.toInputStream().readAllBytes()).isEqualTo(data);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            buffer.writeFully(copy);
            assertThat(copy.toByteArray()).isEqualTo(data);
            buffer.dispose();
            assertThatThrownBy(buffer::toArray).hasMessageContaining("after dispose");
        }
    }

    @Test
    void byteBufferInputStreamReadsWithoutMovingTheBuffer() throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {5, 6, 7, 8});
        buffer.position(1);
        InputStream in = new ByteBufferInputStream(buffer);
        assertThat(in.available()).isEqualTo(3);
        assertThat(in.skip(1)).isEqualTo(1);
        assertThat(in.readAllBytes()).containsExactly(7, 8);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void countingStreamCounts() throws IOException {
        CountingOutputStream out = new CountingOutputStream(OutputStream.nullOutputStream());
        out.write(1);
        out.write(new byte[10], 2, 5);
        assertThat(out.count()).isEqualTo(6);
    }
}
