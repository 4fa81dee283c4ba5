package dev.ember.io;

import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/** LZ4 block compression with xxHash checksums, so a corrupt block is detected instead of misread. */
public final class Lz4CompressionCodec implements CompressionCodec {
    private static final long serialVersionUID = 1L;
    private static final int CHECKSUM_SEED = 0x9747b28c;

    private final int blockSize;

    public Lz4CompressionCodec(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public OutputStream compressedOutputStream(OutputStream out) {
        return new LZ4BlockOutputStream(
                out,
                blockSize,
                LZ4Factory.fastestInstance().fastCompressor(),
                XXHashFactory.fastestInstance()
                        .newStreamingHash32(CHECKSUM_SEED)
                        .asChecksum(),
                false);
    }

    @Override
    public InputStream compressedInputStream(InputStream in) {
        return LZ4BlockInputStream.newBuilder()
                // The safe decompressor checks every length against its buffers, so damaged or crafted blocks fail
                // rather than read past them; the fastest instance's is native where the platform has it.
                .withDecompressor(LZ4Factory.fastestInstance().safeDecompressor())
                .withChecksum(XXHashFactory.fastestInstance()
                        .newStreamingHash32(CHECKSUM_SEED)
                        .asChecksum())
                .withStopOnEmptyBlock(false)
                .build(in);
    }

    @Override
    public String name() {
        return "lz4";
    }
}
