package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.memory.MemoryMode;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The write path of a {@link BlockManager}: stores a new block's values or bytes at a storage level, under the
 * block's write lock, reports it to the driver, and has it replicated when the level asks for copies. Where values
 * go:
 *
 * <ul>
 *   <li>a memory level unrolls them in the {@link MemoryStore}: as objects if deserialized, else as bytes on or off
 *       heap;
 *   <li>if memory cannot hold them and the level uses disk, what was unrolled and the rest are written to the
 *       {@link DiskStore}; if the level does not use disk they are handed back, not stored;
 *   <li>a disk-only level writes them to disk.
 * </ul>
 *
 * Bytes go to memory if the level uses memory and there is room, else to disk if the level uses disk. A block that
 * is already stored (or being stored by another task) is left as it is.
 *
 * <p>Called by task threads (caching partitions, task results), the driver's threads (broadcasts) and the block
 * manager's block-receive pool (replicas, see {@link BlockReplication}).
 */
final class BlockWriter {
    private final BlockInfoManager blockInfoManager;
    private final MemoryStore memoryStore;
    private final DiskStore diskStore;
    private final SerializerManager serializerManager;
    private final BlockStatusReporter reporter;
    private final BlockReplication replication;

    BlockWriter(
            BlockInfoManager blockInfoManager,
            MemoryStore memoryStore,
            DiskStore diskStore,
            SerializerManager serializerManager,
            BlockStatusReporter reporter,
            BlockReplication replication) {
        this.blockInfoManager = blockInfoManager;
        this.memoryStore = memoryStore;
        this.diskStore = diskStore;
        this.serializerManager = serializerManager;
        this.reporter = reporter;
        this.replication = replication;
    }

    /** See {@link BlockManager#putBytes}. */
    boolean putBytes(BlockId blockId, ChunkedByteBuffer bytes, StorageLevel level, boolean tellMaster) {
        BlockInfo info = new BlockInfo(level, tellMaster);
        if (!blockInfoManager.lockNewBlockForWriting(blockId, info)) {
            blockInfoManager.unlock(blockId);
            return true;
        }
        boolean stored = false;
        try {
            if (level.useMemory()) {
                MemoryMode mode = level.useOffHeap() ? MemoryMode.OFF_HEAP : MemoryMode.ON_HEAP;
                stored = memoryStore.putBytes(blockId, bytes.size(), mode, () -> bytes);
            }
            if (!stored && level.useDisk()) {
                diskStore.putBytes(blockId, bytes);
                stored = true;
            }
            if (stored) {
                info.setSize(bytes.size());
                reporter.reportStatus(blockId, info);
            }
        } finally {
            if (stored) {
                blockInfoManager.unlock(blockId);
            } else {
                blockInfoManager.removeBlock(blockId);
            }
        }
        return stored;
    }

    /**
     * Puts the values of {@code compute}. Returns them when nothing could store them. With {@code keepReadLock}
     * the caller ends up holding a read lock on the stored block.
     */
    <T> Optional<Iterator<T>> putIterator(
            BlockId blockId,
            Supplier<Iterator<T>> compute,
            StorageLevel level,
            boolean keepReadLock,
            boolean tellMaster) {
        if (!level.isValid()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Storage level " + level + " keeps nothing");
        }
        BlockInfo info = new BlockInfo(level, tellMaster);
        if (!blockInfoManager.lockNewBlockForWriting(blockId, info)) {
            // Someone else stored it first; we now hold a read lock on their block.
            if (!keepReadLock) {
                blockInfoManager.unlock(blockId);
            }
            return Optional.empty();
        }
        Iterator<T> notStored = null;
        long size = 0;
        boolean succeeded = false;
        try {
            Iterator<T> values = compute.get();
            if (level.useMemory()) {
                MemoryStore.PutResult<T> result = level.deserialized()
                        ? memoryStore.putIteratorAsValues(blockId, values)
                        : memoryStore.putIteratorAsBytes(
                                blockId,
                                values,
                                level.useOffHeap() ? MemoryMode.OFF_HEAP : MemoryMode.ON_HEAP,
                                serializerManager.defaultSerializer().newInstance());
                if (result instanceof MemoryStore.Stored<T> stored) {
                    size = stored.size();
                } else if (result instanceof MemoryStore.NotStored<T> rejected) {
                    if (level.useDisk()) {
                        size = putValuesOnDisk(blockId, rejected.values());
                    } else {
                        notStored = rejected.values();
                    }
                } else {
                    MemoryStore.PartiallySerializedBlock<T> partial =
                            ((MemoryStore.NotStoredSerialized<T>) result).block();
                    if (level.useDisk()) {
                        size = diskStore.put(blockId, partial::finishWritingToStream);
                    } else {
                        notStored = partial.valuesIterator();
                    }
                }
            } else {
                size = putValuesOnDisk(blockId, values);
            }
            succeeded = notStored == null;
        } finally {
            if (!succeeded) {
                blockInfoManager.removeBlock(blockId);
            }
        }
        if (notStored != null) {
            return Optional.of(notStored);
        }
        info.setSize(size);
        reporter.reportStatus(blockId, info);
        if (keepReadLock) {
            blockInfoManager.downgradeLock(blockId);
        } else {
            blockInfoManager.unlock(blockId);
        }
        if (level.replication() > 1) {
            replication.replicate(blockId, level);
        }
        return Optional.empty();
    }

    private long putValuesOnDisk(BlockId blockId, Iterator<?> values) {
        return diskStore.put(blockId, out -> serializerManager.writeValues(blockId, values, out));
    }
}
