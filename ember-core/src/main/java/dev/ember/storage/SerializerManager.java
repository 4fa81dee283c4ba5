package dev.ember.storage;

import dev.ember.EmberConf;
import dev.ember.config.CoreConfig;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.io.ChunkedByteBufferOutputStream;
import dev.ember.io.CompressionCodec;
import dev.ember.io.NoCompressionCodec;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.Serializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Which serializer and compression apply to each kind of block: shuffle data ({@code ember.shuffle.compress}),
 * spills ({@code ember.shuffle.spill.compress}), broadcasts ({@code ember.broadcast.compress}) and serialized
 * cached partitions ({@code ember.rdd.compress}). The block manager writes and reads the values of stored blocks
 * with them ({@link #writeValues}, {@link #readValues}).
 */
public final class SerializerManager {
    private final Serializer defaultSerializer;
    private final CompressionCodec codec;
    private final boolean compressShuffle;
    private final boolean compressSpill;
    private final boolean compressBroadcast;
    private final boolean compressRdd;

    public SerializerManager(Serializer defaultSerializer, EmberConf conf) {
        this.defaultSerializer = defaultSerializer;
        this.codec = CompressionCodec.fromConf(conf);
        this.compressShuffle = conf.get(CoreConfig.SHUFFLE_COMPRESS);
        this.compressSpill = conf.get(CoreConfig.SHUFFLE_SPILL_COMPRESS);
        this.compressBroadcast = conf.get(CoreConfig.BROADCAST_COMPRESS);
        this.compressRdd = conf.get(CoreConfig.RDD_COMPRESS);
    }

    public Serializer defaultSerializer() {
        return defaultSerializer;
    }

    /** The codec used for {@code blockId}: the configured one, or none if that kind is not compressed. */
    public CompressionCodec codecFor(BlockId blockId) {
        return shouldCompress(blockId) ? codec : NoCompressionCodec.INSTANCE;
    }

    public boolean shouldCompress(BlockId blockId) {
        if (blockId instanceof BlockId.ShuffleBlockId || blockId instanceof BlockId.ShuffleDataBlockId) {
            return compressShuffle;
        }
        if (blockId instanceof BlockId.TempShuffleBlockId || blockId instanceof BlockId.TempLocalBlockId) {
            return compressSpill;
        }
        if (blockId instanceof BlockId.BroadcastBlockId) {
            return compressBroadcast;
        }
        if (blockId instanceof BlockId.RddBlockId) {
            return compressRdd;
        }
        return false;
    }

    public OutputStream wrapForCompression(BlockId blockId, OutputStream out) {
        return codecFor(blockId).compressedOutputStream(out);
    }

    public InputStream wrapForCompression(BlockId blockId, InputStream in) {
        return codecFor(blockId).compressedInputStream(in);
    }

    /** Writes {@code values} to {@code out} with the default serializer, compressed as {@code blockId}'s kind is. */
    void writeValues(BlockId blockId, Iterator<?> values, OutputStream out) {
        SerializationStream stream =
                defaultSerializer().newInstance().serializeStream(wrapForCompression(blockId, out));
        stream.writeAll(values);
        stream.close();
    }

    /** {@code values} as {@link #writeValues} writes them, in on-heap chunks. */
    ChunkedByteBuffer serializeValues(BlockId blockId, Iterator<?> values) {
        ChunkedByteBufferOutputStream bytes = ChunkedByteBufferOutputStream.onHeap(64 * 1024);
        writeValues(blockId, values, bytes);
        return bytes.toChunkedByteBuffer();
    }

    /** The values {@link #writeValues} wrote to {@code in}, read as the iterator advances. */
    Iterator<Object> readValues(BlockId blockId, InputStream in) {
        return defaultSerializer()
                .newInstance()
                .deserializeStream(wrapForCompression(blockId, in))
                .asIterator();
    }
}
