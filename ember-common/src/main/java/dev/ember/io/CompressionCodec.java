package dev.ember.io;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CommonConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Locale;

/**
 * Wraps streams with compression. A compressed output stream must be closed to write its last block; closing it
 * closes the wrapped stream, so writers that share one file wrap it in {@link NonClosingOutputStream}.
 */
public interface CompressionCodec extends Serializable {
    /** A stream compressing into {@code out}. */
    OutputStream compressedOutputStream(OutputStream out);

    /** A stream decompressing {@code in}. */
    InputStream compressedInputStream(InputStream in);

    /** The short name users configure: {@code lz4} or {@code none}. */
    String name();

    /** The codec named by {@code ember.io.compression.codec}. */
    static CompressionCodec fromConf(EmberConf conf) {
        String name = conf.get(CommonConfig.COMPRESSION_CODEC).trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "lz4" ->
                new Lz4CompressionCodec(conf.get(CommonConfig.LZ4_BLOCK_SIZE).intValue());
            case "none" -> NoCompressionCodec.INSTANCE;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE,
                        "Invalid value '" + name + "' for " + CommonConfig.COMPRESSION_CODEC.key()
                                + ": expected lz4 or none");
        };
    }
}
