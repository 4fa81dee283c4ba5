package dev.ember.storage;

import dev.ember.io.ChunkedByteBuffer;
import dev.ember.io.ChunkedByteBufferOutputStream;
import dev.ember.memory.BlockEvictor;
import dev.ember.memory.MemoryMode;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.SerializerInstance;
import dev.ember.util.Iterators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks held in memory, either as arrays of objects (deserialized levels) or as serialized bytes, on the heap or
 * off it. Entries are kept in least-recently-used order; when storage memory runs short the memory manager asks
 * this store to evict the least recently used blocks (never blocks of the RDD being cached, which would thrash).
 *
 * <p>A partition is cached by <em>unrolling</em> its iterator: values are collected while unroll memory is
 * reserved in steps; if memory runs out midway the put fails and hands back every value, so the caller can fall
 * back to disk or simply use the values without caching.
 *
 * <p>Locking: the memory manager's lock may be held when {@link #evictBlocksToFreeSpace} is called; this store's
 * own lock ({@code entries}) is only ever held briefly and never while calling the memory manager.
 */
public final class MemoryStore implements BlockEvictor {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStore.class);
    private static final int UNROLL_CHECK_PERIOD = 16;
    private static final double UNROLL_GROWTH = 1.5;

    /** Drops evicted blocks: writes them to disk when their level allows, and reports the change. */
    public interface EvictionHandler {
        void dropFromMemory(BlockId blockId, MemoryEntry entry);
    }

    /** A block in memory. */
    public sealed interface MemoryEntry permits DeserializedEntry, SerializedEntry {
        long size();

        MemoryMode mode();
    }

    /** Objects, on the heap (see {@link CachedValues} for how they are held). */
    public record DeserializedEntry(CachedValues values, long size) implements MemoryEntry {
        @Override
        public MemoryMode mode() {
            return MemoryMode.ON_HEAP;
        }
    }

    /** Serialized bytes, on or off the heap. */
    public record SerializedEntry(ChunkedByteBuffer bytes, MemoryMode mode, long size) implements MemoryEntry {}

    /** The outcome of caching an iterator. */
    public sealed interface PutResult<T> permits Stored, NotStored, NotStoredSerialized {}

    /** The block is in memory; its size in bytes. */
    public record Stored<T>(long size) implements PutResult<T> {}

    /** Memory ran out; every value is handed back, none lost. */
    public record NotStored<T>(Iterator<T> values) implements PutResult<T> {}

    /** Memory ran out while serializing; the block can still be finished on disk or read back as values. */
    public record NotStoredSerialized<T>(PartiallySerializedBlock<T> block) implements PutResult<T> {}

    private final LinkedHashMap<BlockId, MemoryEntry> entries = new LinkedHashMap<>(32, 0.75f, true);
    private final UnifiedMemoryManager memoryManager;
    private final BlockInfoManager blockInfoManager;
    private final SerializerManager serializerManager;
    private final long unrollMemoryThreshold;
    private volatile EvictionHandler evictionHandler;

    public MemoryStore(
            UnifiedMemoryManager memoryManager,
            BlockInfoManager blockInfoManager,
            SerializerManager serializerManager,
            long unrollMemoryThreshold) {
        this.memoryManager = memoryManager;
        this.blockInfoManager = blockInfoManager;
        this.serializerManager = serializerManager;
        this.unrollMemoryThreshold = unrollMemoryThreshold;
    }

    public void setEvictionHandler(EvictionHandler handler) {
        this.evictionHandler = handler;
    }

    // ---- puts ----

    /** Stores bytes made by {@code bytes} if {@code size} bytes of memory can be had. */
    public boolean putBytes(BlockId blockId, long size, MemoryMode mode, Supplier<ChunkedByteBuffer> bytes) {
        if (contains(blockId)) {
            throw new IllegalStateException("Block " + blockId + " is already in memory");
        }
        if (!memoryManager.acquireStorageMemory(blockId, size, mode)) {
            return false;
        }
        ChunkedByteBuffer data = bytes.get();
        synchronized (entries) {
            entries.put(blockId, new SerializedEntry(data, mode, size));
        }
        return true;
    }

    /** Caches the values of {@code values} as objects, unrolling them under reserved memory. */
    public <T> PutResult<T> putIteratorAsValues(BlockId blockId, Iterator<T> values) {
        long task = BlockInfoManager.currentTaskAttemptId();
        long reserved = 0;
        boolean keepUnrolling =
                memoryManager.acquireUnrollMemory(blockId, unrollMemoryThreshold, task, MemoryMode.ON_HEAP);
        if (keepUnrolling) {
            reserved = unrollMemoryThreshold;
        }
        CachedValues.Builder builder = new CachedValues.Builder();
        long count = 0;
        try {
            while (keepUnrolling && values.hasNext()) {
                builder.add(values.next());
                count++;
                if (count % UNROLL_CHECK_PERIOD == 0) {
                    long current = builder.estimateSize();
                    if (current >= reserved) {
                        long request = (long) (current * UNROLL_GROWTH) - reserved;
                        keepUnrolling = memoryManager.acquireUnrollMemory(blockId, request, task, MemoryMode.ON_HEAP);
                        if (keepUnrolling) {
                            reserved += request;
                        }
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // The values failed (a user function threw): give back what was reserved for them.
            memoryManager.releaseUnrollMemory(reserved, task, MemoryMode.ON_HEAP);
            throw e;
        }
        if (keepUnrolling) {
            CachedValues cached = builder.build();
            // Columns are trimmed to their records when built: charge what they hold, not the builder's capacity.
            long size = cached instanceof CachedValues.PrimitivePairs columns ? columns.size() : builder.estimateSize();
            if (size > reserved) {
                long extra = size - reserved;
                if (memoryManager.acquireUnrollMemory(blockId, extra, task, MemoryMode.ON_HEAP)) {
                    reserved += extra;
                } else {
                    memoryManager.releaseUnrollMemory(reserved, task, MemoryMode.ON_HEAP);
                    return new NotStored<>(iterate(cached));
                }
            }
            if (memoryManager.transferUnrollToStorage(blockId, reserved, size, task, MemoryMode.ON_HEAP)) {
                synchronized (entries) {
                    entries.put(blockId, new DeserializedEntry(cached, size));
                }
                LOG.debug("Block {} stored as values in memory (estimated size {})", blockId, size);
                return new Stored<>(size);
            }
            return new NotStored<>(iterate(cached));
        }
        memoryManager.releaseUnrollMemory(reserved, task, MemoryMode.ON_HEAP);
        LOG.info("Not enough memory to cache {} in memory ({} values unrolled)", blockId, builder.count());
        return new NotStored<>(Iterators.concat(iterate(builder.iterator()), values));
    }

    private static <T> Iterator<T> iterate(CachedValues values) {
        return iterate(values.iterator());
    }

    @SuppressWarnings("unchecked")
    private static <T> Iterator<T> iterate(Iterator<Object> values) {
        return (Iterator<T>) values;
    }

    /** Caches the values of {@code values} serialized, on or off the heap. */
    public <T> PutResult<T> putIteratorAsBytes(
            BlockId blockId, Iterator<T> values, MemoryMode mode, SerializerInstance serializer) {
        long task = BlockInfoManager.currentTaskAttemptId();
        long reserved = 0;
        boolean keepUnrolling = memoryManager.acquireUnrollMemory(blockId, unrollMemoryThreshold, task, mode);
        if (keepUnrolling) {
            reserved = unrollMemoryThreshold;
        }
        int chunkSize = (int) Math.max(4096, Math.min(unrollMemoryThreshold, 4L << 20));
        ChunkedByteBufferOutputStream bytes = new ChunkedByteBufferOutputStream(
                chunkSize, mode == MemoryMode.OFF_HEAP ? ByteBuffer::allocateDirect : ByteBuffer::allocate);
        RedirectableOutputStream redirectable = new RedirectableOutputStream(bytes);
        SerializationStream stream =
                serializer.serializeStream(serializerManager.wrapForCompression(blockId, redirectable));
        long count = 0;
        try {
            while (keepUnrolling && values.hasNext()) {
                stream.writeObject(values.next());
                count++;
                if (count % UNROLL_CHECK_PERIOD == 0 && bytes.size() >= reserved) {
                    long request = (long) (bytes.size() * UNROLL_GROWTH) - reserved;
                    keepUnrolling = memoryManager.acquireUnrollMemory(blockId, request, task, mode);
                    if (keepUnrolling) {
                        reserved += request;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            memoryManager.releaseUnrollMemory(reserved, task, mode);
            bytes.toChunkedByteBuffer().dispose();
            throw e;
        }
        if (keepUnrolling) {
            stream.close();
            long size = bytes.size();
            if (memoryManager.transferUnrollToStorage(blockId, reserved, size, task, mode)) {
                ChunkedByteBuffer data = bytes.toChunkedByteBuffer();
                synchronized (entries) {
                    entries.put(blockId, new SerializedEntry(data, mode, size));
                }
                return new Stored<>(size);
            }
            ChunkedByteBuffer data = bytes.toChunkedByteBuffer();
            Iterator<T> restored = readValues(blockId, data, serializer);
            return new NotStored<>(restored);
        }
        memoryManager.releaseUnrollMemory(reserved, task, mode);
        return new NotStoredSerialized<>(new PartiallySerializedBlock<>(
                blockId, bytes, redirectable, stream, values, serializer, serializerManager));
    }

    private <T> Iterator<T> readValues(BlockId blockId, ChunkedByteBuffer data, SerializerInstance serializer) {
        return serializer
                .deserializeStream(serializerManager.wrapForCompression(blockId, data.toInputStream()))
                .asIterator();
    }

    // ---- reads ----

    public Optional<ChunkedByteBuffer> getBytes(BlockId blockId) {
        synchronized (entries) {
            MemoryEntry entry = entries.get(blockId);
            if (entry instanceof SerializedEntry serialized) {
                return Optional.of(serialized.bytes());
            }
            if (entry != null) {
                throw new IllegalStateException("Block " + blockId + " is stored as values, not bytes");
            }
            return Optional.empty();
        }
    }

    public Optional<Iterator<Object>> getValues(BlockId blockId) {
        synchronized (entries) {
            MemoryEntry entry = entries.get(blockId);
            if (entry instanceof DeserializedEntry deserialized) {
                return Optional.of(deserialized.values().iterator());
            }
            if (entry != null) {
                throw new IllegalStateException("Block " + blockId + " is stored as bytes, not values");
            }
            return Optional.empty();
        }
    }

    public Optional<MemoryEntry> getEntry(BlockId blockId) {
        synchronized (entries) {
            return Optional.ofNullable(entries.get(blockId));
        }
    }

    public long getSize(BlockId blockId) {
        synchronized (entries) {
            MemoryEntry entry = entries.get(blockId);
            return entry == null ? 0 : entry.size();
        }
    }

    public boolean contains(BlockId blockId) {
        synchronized (entries) {
            return entries.containsKey(blockId);
        }
    }

    /** Removes a block and returns its memory; false if it was not here. */
    public boolean remove(BlockId blockId) {
        MemoryEntry entry;
        synchronized (entries) {
            entry = entries.remove(blockId);
        }
        if (entry == null) {
            return false;
        }
        if (entry instanceof SerializedEntry serialized) {
            serialized.bytes().dispose();
        }
        memoryManager.releaseStorageMemory(entry.size(), entry.mode());
        return true;
    }

    /** Removes everything. */
    public void clear() {
        List<MemoryEntry> removed;
        synchronized (entries) {
            removed = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (MemoryEntry entry : removed) {
            if (entry instanceof SerializedEntry serialized) {
                serialized.bytes().dispose();
            }
            memoryManager.releaseStorageMemory(entry.size(), entry.mode());
        }
    }

    /** Bytes used by stored blocks (not unrolling). */
    public long blocksMemoryUsed() {
        synchronized (entries) {
            long total = 0;
            for (MemoryEntry entry : entries.values()) {
                total += entry.size();
            }
            return total;
        }
    }

    // ---- eviction ----

    @Override
    public long evictBlocksToFreeSpace(Optional<BlockId> forBlock, long space, MemoryMode mode) {
        Integer forRdd = forBlock.filter(BlockId::isRdd)
                .map(id -> ((BlockId.RddBlockId) id).rddId())
                .orElse(null);
        List<BlockId> selected = new ArrayList<>();
        long freed = 0;
        synchronized (entries) {
            for (Map.Entry<BlockId, MemoryEntry> candidate : entries.entrySet()) {
                if (freed >= space) {
                    break;
                }
                BlockId blockId = candidate.getKey();
                MemoryEntry entry = candidate.getValue();
                if (entry.mode() != mode) {
                    continue;
                }
                if (forRdd != null && blockId instanceof BlockId.RddBlockId rdd && rdd.rddId() == forRdd) {
                    continue;
                }
                if (blockInfoManager.lockForWriting(blockId, false).isPresent()) {
                    selected.add(blockId);
                    freed += entry.size();
                }
            }
        }
        if (freed < space) {
            for (BlockId blockId : selected) {
                blockInfoManager.unlock(blockId);
            }
            return 0;
        }
        EvictionHandler handler = evictionHandler;
        long dropped = 0;
        int handed = 0;
        try {
            for (BlockId blockId : selected) {
                MemoryEntry entry;
                synchronized (entries) {
                    entry = entries.get(blockId);
                }
                handed++;
                if (entry == null) {
                    blockInfoManager.unlock(blockId);
                    continue;
                }
                LOG.info(
                        "Evicting block {} ({} bytes) to free memory for {}",
                        blockId,
                        entry.size(),
                        forBlock.orElse(null));
                if (handler != null) {
                    // The handler writes to disk if allowed, removes the block from memory and releases the lock.
                    handler.dropFromMemory(blockId, entry);
                } else {
                    remove(blockId);
                    blockInfoManager.unlock(blockId);
                }
                dropped += entry.size();
            }
        } finally {
            // A failed drop must not leave the blocks not yet handed over locked.
            for (int i = handed; i < selected.size(); i++) {
                blockInfoManager.unlock(selected.get(i));
            }
        }
        return dropped;
    }

    /** An output stream whose target can be switched, so a half-serialized block can continue on disk. */
    static final class RedirectableOutputStream extends OutputStream {
        private OutputStream target;

        RedirectableOutputStream(OutputStream target) {
            this.target = target;
        }

        void redirect(OutputStream newTarget) {
            this.target = newTarget;
        }

        @Override
        public void write(int value) throws IOException {
            target.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }

    /**
     * A block whose serialization stopped for lack of memory: the bytes so far, the open stream, and the values not
     * yet written. Either finish it into a stream (to disk) or read it all back as values; then it is spent.
     */
    public static final class PartiallySerializedBlock<T> {
        private final BlockId blockId;
        private final ChunkedByteBufferOutputStream bytes;
        private final RedirectableOutputStream redirectable;
        private final SerializationStream stream;
        private final Iterator<T> rest;
        private final SerializerInstance serializer;
        private final SerializerManager serializerManager;
        private boolean spent;

        PartiallySerializedBlock(
                BlockId blockId,
                ChunkedByteBufferOutputStream bytes,
                RedirectableOutputStream redirectable,
                SerializationStream stream,
                Iterator<T> rest,
                SerializerInstance serializer,
                SerializerManager serializerManager) {
            this.blockId = blockId;
            this.bytes = bytes;
            this.redirectable = redirectable;
            this.stream = stream;
            this.rest = rest;
            this.serializer = serializer;
            this.serializerManager = serializerManager;
        }

        /** Writes the whole block to {@code out}: the bytes so far, then the remaining values. */
        public void finishWritingToStream(OutputStream out) {
            checkNotSpent();
            try {
                // Bytes buffered inside the serializer and compressor go to the new target once redirected.
                ChunkedByteBuffer sofar = snapshot();
                sofar.writeFully(out);
                redirectable.redirect(out);
                while (rest.hasNext()) {
                    stream.writeObject(rest.next());
                }
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write block " + blockId, e);
            }
        }

        /** Every value of the block, read back from the bytes so far and then the rest. */
        public Iterator<T> valuesIterator() {
            checkNotSpent();
            stream.close();
            ChunkedByteBuffer sofar = bytes.toChunkedByteBuffer();
            Iterator<T> written = serializer
                    .deserializeStream(serializerManager.wrapForCompression(blockId, sofar.toInputStream()))
                    .asIterator();
            return Iterators.concat(written, rest);
        }

        private ChunkedByteBuffer snapshot() {
            return bytes.toChunkedByteBuffer();
        }

        private void checkNotSpent() {
            if (spent) {
                throw new IllegalStateException("Partially serialized block " + blockId + " was already used");
            }
            spent = true;
        }
    }
}
