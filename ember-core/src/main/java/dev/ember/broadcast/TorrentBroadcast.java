package dev.ember.broadcast;

import dev.ember.Broadcast;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.io.ChunkedByteBufferOutputStream;
import dev.ember.serializer.SerializationStream;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockResult;
import dev.ember.storage.SerializerManager;
import dev.ember.util.CallSite;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A broadcast stored as blocks: the whole value ({@code broadcast_N}, kept deserialized on the driver) and its
 * serialized, compressed form cut into pieces of {@code ember.broadcast.blockSize}
 * ({@code broadcast_N_pieceI}). What travels with tasks is only the id and the number of pieces; an executor
 * looks for the value in its own block manager, then assembles it from the pieces and caches it.
 */
final class TorrentBroadcast<T> extends Broadcast<T> {
    private static final long serialVersionUID = 1L;

    private final int numBlocks;
    private transient volatile T value;
    private transient volatile boolean valid = true;
    private transient volatile String destroySite;
    private transient BroadcastManager manager;

    TorrentBroadcast(T value, long id, BroadcastManager manager) {
        super(id);
        this.value = value;
        this.manager = manager;
        this.numBlocks = writeBlocks(value, manager);
    }

    private int writeBlocks(T value, BroadcastManager manager) {
        BlockManager blockManager = manager.blockManager();
        BlockId.BroadcastBlockId whole = new BlockId.BroadcastBlockId(id());
        if (!blockManager.putSingle(whole, value, StorageLevel.MEMORY_AND_DISK, false)) {
            throw new EmberException(
                    ErrorClass.BLOCK_UNAVAILABLE, "Failed to store broadcast " + id() + " on the driver");
        }
        List<ByteBuffer> pieces = cut(serialize(value, blockManager.serializerManager()), manager.blockSize());
        for (int i = 0; i < pieces.size(); i++) {
            BlockId.BroadcastBlockId piece = new BlockId.BroadcastBlockId(id(), "piece" + i);
            ChunkedByteBuffer bytes = new ChunkedByteBuffer(List.of(pieces.get(i)));
            if (!blockManager.putBytes(piece, bytes, StorageLevel.MEMORY_AND_DISK_SER, true)) {
                throw new EmberException(
                        ErrorClass.BLOCK_UNAVAILABLE, "Failed to store piece " + i + " of broadcast " + id());
            }
        }
        return pieces.size();
    }

    private ChunkedByteBuffer serialize(T value, SerializerManager serializerManager) {
        ChunkedByteBufferOutputStream bytes = ChunkedByteBufferOutputStream.onHeap(64 * 1024);
        BlockId.BroadcastBlockId blockId = new BlockId.BroadcastBlockId(id());
        OutputStream compressed = serializerManager.wrapForCompression(blockId, bytes);
        SerializationStream stream =
                serializerManager.defaultSerializer().newInstance().serializeStream(compressed);
        stream.writeObject(value);
        stream.close();
        return bytes.toChunkedByteBuffer();
    }

    private static List<ByteBuffer> cut(ChunkedByteBuffer bytes, int blockSize) {
        byte[] all = bytes.toArray();
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int offset = 0; offset < all.length || pieces.isEmpty(); offset += blockSize) {
            int length = Math.min(blockSize, all.length - offset);
            pieces.add(ByteBuffer.wrap(all, offset, Math.max(0, length)).slice());
        }
        return pieces;
    }

    @Override
    public T value() {
        checkValid();
        T current = value;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (value == null) {
                value = readBroadcast();
            }
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    private T readBroadcast() {
        BroadcastManager resolver = manager != null ? manager : BroadcastManager.active();
        if (resolver == null) {
            throw new EmberException(
                    ErrorClass.INVALID_RDD_USAGE,
                    this + " can only be read inside tasks or on the driver that created it");
        }
        BlockManager blockManager = resolver.blockManager();
        BlockId.BroadcastBlockId whole = new BlockId.BroadcastBlockId(id());
        // One executor-wide lock per broadcast: the first task assembles, the others wait and read its copy.
        synchronized (lockFor(id())) {
            Optional<BlockResult> cached = blockManager.getLocalValues(whole);
            if (cached.isPresent()) {
                Iterator<Object> values = cached.get().values();
                T result = (T) values.next();
                // Reading to the end releases the block's read lock.
                while (values.hasNext()) {
                    values.next();
                }
                return result;
            }
            List<java.io.InputStream> streams = new ArrayList<>(numBlocks);
            for (int i = 0; i < numBlocks; i++) {
                BlockId.BroadcastBlockId piece = new BlockId.BroadcastBlockId(id(), "piece" + i);
                Optional<BlockData> data = blockManager.getLocalBytes(piece);
                if (data.isEmpty()) {
                    // Held elsewhere (the driver, or executors that read it before): fetch it and keep a copy, which
                    // this executor then serves to others.
                    data = blockManager.getRemoteBytes(piece).map(bytes -> {
                        blockManager.putBytes(piece, bytes, StorageLevel.MEMORY_AND_DISK_SER, true);
                        return BlockData.of(bytes);
                    });
                }
                if (data.isEmpty()) {
                    throw new EmberException(
                            ErrorClass.BROADCAST_DESTROYED,
                            "Piece " + i + " of " + this + " is not available: the broadcast was destroyed or its"
                                    + " blocks were lost");
                }
                streams.add(data.get().toInputStream());
            }
            SerializerManager serializerManager = blockManager.serializerManager();
            T result;
            dev.ember.serializer.DeserializationStream stream = serializerManager
                    .defaultSerializer()
                    .newInstance()
                    .deserializeStream(serializerManager.wrapForCompression(
                            whole, new SequenceInputStream(Collections.enumeration(streams))));
            try {
                result = (T) stream.readObject();
            } catch (java.io.EOFException e) {
                throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The pieces of " + this + " are truncated", e);
            } finally {
                // Closes the piece streams too (files, when pieces were on disk).
                stream.close();
            }
            blockManager.putSingle(whole, result, StorageLevel.MEMORY_AND_DISK, false);
            return result;
        }
    }

    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private static Object lockFor(long id) {
        return LOCKS[(int) (id % LOCKS.length)];
    }

    @Override
    public void unpersist() {
        checkDriver("unpersist");
        manager.unbroadcast(id(), false);
    }

    @Override
    public void destroy() {
        checkDriver("destroy");
        valid = false;
        destroySite = "destroyed at " + CallSite.capture().location();
        value = null;
        manager.unbroadcast(id(), true);
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    private void checkDriver(String action) {
        if (manager == null) {
            throw new EmberException(ErrorClass.INVALID_RDD_USAGE, "Broadcasts can only " + action + " on the driver");
        }
    }

    private void checkValid() {
        if (!valid) {
            throw new EmberException(
                    ErrorClass.BROADCAST_DESTROYED,
                    "Attempted to use " + this + " after it was destroyed"
                            + (destroySite == null ? "" : " (" + destroySite + ")"));
        }
    }

    private void writeObject(java.io.ObjectOutputStream out) throws IOException {
        checkValid();
        out.defaultWriteObject();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        valid = true;
    }
}
