package dev.ember.sql.sources.parquet;

import com.github.luben.zstd.Zstd;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Factory;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs, without Hadoop's codec classes (which parquet-hadoop's own factory instantiates): Snappy through
 * snappy-java, ZSTD through zstd-jni, GZIP through the JDK, LZ4_RAW (and the Hadoop-framed LZ4 on reading) through
 * lz4-java, which Ember already ships. Brotli and LZO are not supported.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {}

    /** The codec of the {@code compression} option's value, named as Spark names them. */
    static CompressionCodecName fromOption(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "lz4", "lz4_raw" -> CompressionCodecName.LZ4_RAW;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The option compression must be one of none, uncompressed, snappy, gzip, zstd, lz4, lz4_raw,"
                                + " not '" + value + "'");
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(codec);
    }

    @Override
    public void release() {}

    static byte[] compress(CompressionCodecName codec, byte[] input) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return input;
            case SNAPPY:
                return Snappy.compress(input);
            case GZIP: {
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length / 2));
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(input);
                }
                return out.toByteArray();
            }
            case ZSTD:
                return Zstd.compress(input, ZSTD_LEVEL);
            case LZ4_RAW:
                return LZ4Factory.fastestInstance().fastCompressor().compress(input);
            default:
                throw unsupported(codec);
        }
    }

    static byte[] decompress(CompressionCodecName codec, byte[] input, int offset, int length, int uncompressedSize)
            throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                if (offset == 0 && length == input.length) {
                    return input;
                }
                return java.util.Arrays.copyOfRange(input, offset, offset + length);
            case SNAPPY: {
                byte[] out = new byte[uncompressedSize];
                int written = Snappy.uncompress(input, offset, length, out, 0);
                return checkSize(codec, written, uncompressedSize, out);
            }
            case GZIP: {
                byte[] out = new byte[uncompressedSize];
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(input, offset, length))) {
                    int read = gzip.readNBytes(out, 0, uncompressedSize);
                    return checkSize(codec, read, uncompressedSize, out);
                }
            }
            case ZSTD: {
                byte[] out = new byte[uncompressedSize];
                long written = Zstd.decompressByteArray(out, 0, uncompressedSize, input, offset, length);
                if (Zstd.isError(written)) {
                    throw new IOException("ZSTD page data is corrupt: " + Zstd.getErrorName(written));
                }
                return checkSize(codec, (int) written, uncompressedSize, out);
            }
            case LZ4_RAW: {
                byte[] out = new byte[uncompressedSize];
                int written = LZ4Factory.fastestInstance()
                        .safeDecompressor()
                        .decompress(input, offset, length, out, 0, uncompressedSize);
                return checkSize(codec, written, uncompressedSize, out);
            }
            case LZ4:
                return decompressHadoopLz4(input, offset, length, uncompressedSize);
            default:
                throw unsupported(codec);
        }
    }

    /**
     * The deprecated LZ4 codec, framed as Hadoop frames it (blocks of a big-endian uncompressed length, then chunks of
     * a big-endian compressed length and raw LZ4), or, as some writers wrote it, raw LZ4 under that name.
     */
    private static byte[] decompressHadoopLz4(byte[] input, int offset, int length, int uncompressedSize)
            throws IOException {
        byte[] out = new byte[uncompressedSize];
        try {
            ByteBuffer in = ByteBuffer.wrap(input, offset, length);
            int at = 0;
            while (in.remaining() >= 8 && at < uncompressedSize) {
                int blockSize = in.getInt();
                int blockEnd = at + blockSize;
                if (blockSize < 0 || blockEnd > uncompressedSize) {
                    throw new IOException("not Hadoop-framed");
                }
                while (at < blockEnd) {
                    int chunk = in.getInt();
                    if (chunk < 0 || chunk > in.remaining()) {
                        throw new IOException("not Hadoop-framed");
                    }
                    at += LZ4Factory.fastestInstance()
                            .safeDecompressor()
                            .decompress(input, in.position(), chunk, out, at, blockEnd - at);
                    in.position(in.position() + chunk);
                }
            }
            if (at == uncompressedSize && !in.hasRemaining()) {
                return out;
            }
        } catch (IOException | RuntimeException notFramed) {
            // Fall through to raw LZ4.
        }
        int written = LZ4Factory.fastestInstance()
                .safeDecompressor()
                .decompress(input, offset, length, out, 0, uncompressedSize);
        return checkSize(CompressionCodecName.LZ4, written, uncompressedSize, out);
    }

    private static byte[] checkSize(CompressionCodecName codec, int actual, int expected, byte[] out)
            throws IOException {
        if (actual != expected) {
            throw new IOException(
                    codec + " page data decompressed to " + actual + " bytes where the page header says " + expected);
        }
        return out;
    }

    private static EmberException unsupported(CompressionCodecName codec) {
        return new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "The Parquet compression codec " + codec + " is not supported");
    }

    private static final class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
            if (codec != CompressionCodecName.UNCOMPRESSED
                    && codec != CompressionCodecName.SNAPPY
                    && codec != CompressionCodecName.GZIP
                    && codec != CompressionCodecName.ZSTD
                    && codec != CompressionCodecName.LZ4_RAW) {
                throw unsupported(codec);
            }
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {}
    }

    private static final class Decompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] input = bytes.toByteArray();
            return BytesInput.from(ParquetCodecs.decompress(codec, input, 0, input.length, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(ParquetCodecs.decompress(codec, in, 0, compressedSize, uncompressedSize));
        }

        @Override
        public void release() {}
    }
}
