package dev.ember.storage;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.util.CompletionIterator;
import dev.ember.util.Exceptions;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of a {@link BlockManager}: a block's values or bytes from its own stores, under the block's read
 * lock, or a block's bytes from another block manager that holds it.
 *
 * <pre>
 *   local values:  memory (objects, or bytes deserialized) ─┐
 *                  disk, for disk levels (deserialized)    ─┴─▶ values; the read lock is released when they end
 *   local bytes:   shuffle blocks and map output files ──────▶ from the {@link ShuffleBlockSource}, no lock
 *                  memory (objects serialized now) or disk ──▶ bytes; the read lock is released before returning
 *   remote bytes:  the holders the driver names, in random order, through the {@link BlockTransferService}
 * </pre>
 *
 * A block registered here but found in no store (its file deleted, say) is forgotten, so that it is recomputed.
 *
 * <p>Called by task threads (cached partitions, broadcast pieces), the driver's threads (broadcasts), and, without
 * waiting for a lock, by the network threads that serve this block manager's blocks to other processes.
 */
final class BlockReader {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReader.class);

    private final BlockManagerId id;
    private final BlockRegistry master;
    private final BlockTransferService transfer;
    private final BlockInfoManager blockInfoManager;
    private final MemoryStore memoryStore;
    private final DiskStore diskStore;
    private final SerializerManager serializerManager;
    private final ShuffleBlockSource shuffleBlocks;
    private final BlockStatusReporter reporter;

    /** {@code transfer} may be null: then no block held elsewhere is read (local mode). */
    BlockReader(
            BlockManagerId id,
            BlockRegistry master,
            BlockTransferService transfer,
            BlockInfoManager blockInfoManager,
            MemoryStore memoryStore,
            DiskStore diskStore,
            SerializerManager serializerManager,
            ShuffleBlockSource shuffleBlocks,
            BlockStatusReporter reporter) {
        this.id = id;
        this.master = master;
        this.transfer = transfer;
        this.blockInfoManager = blockInfoManager;
        this.memoryStore = memoryStore;
        this.diskStore = diskStore;
        this.serializerManager = serializerManager;
        this.shuffleBlocks = shuffleBlocks;
        this.reporter = reporter;
    }

    /** See {@link BlockManager#getLocalValues}. */
    Optional<BlockResult> getLocalValues(BlockId blockId) {
        Optional<BlockInfo> locked = blockInfoManager.lockForReading(blockId, true);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        BlockInfo info = locked.get();
        StorageLevel level = info.level();
        try {
            Optional<MemoryStore.MemoryEntry> inMemory = memoryStore.getEntry(blockId);
            if (inMemory.isPresent()) {
                MemoryStore.MemoryEntry entry = inMemory.get();
                Iterator<Object> values = entry instanceof MemoryStore.DeserializedEntry
                        ? memoryStore.getValues(blockId).orElseThrow()
                        : serializerManager.readValues(
                                blockId,
                                ((MemoryStore.SerializedEntry) entry).bytes().toInputStream());
                return Optional.of(
                        new BlockResult(releasingLock(blockId, values), BlockResult.ReadMethod.MEMORY, entry.size()));
            }
            if (level.useDisk()) {
                Optional<BlockData> onDisk = diskStore.getBytes(blockId);
                if (onDisk.isPresent()) {
                    BlockData data = onDisk.get();
                    Iterator<Object> values = serializerManager.readValues(blockId, data.toInputStream());
                    return Optional.of(
                            new BlockResult(releasingLock(blockId, values), BlockResult.ReadMethod.DISK, data.size()));
                }
            }
        } catch (RuntimeException e) {
            blockInfoManager.unlock(blockId);
            throw e;
        }
        // Locked but in no store: it was lost (a deleted file, say). Forget it so it is recomputed.
        blockInfoManager.unlock(blockId);
        removeLostBlock(blockId);
        return Optional.empty();
    }

    /**
     * Forgets a block found in no store. Does not wait for the write lock: the caller may itself still hold a read
     * lock on the block (after a put); then the block stays registered and the next reader tries again.
     */
    private void removeLostBlock(BlockId blockId) {
        Optional<BlockInfo> locked = blockInfoManager.lockForWriting(blockId, false);
        if (locked.isEmpty()) {
            return;
        }
        try {
            memoryStore.remove(blockId);
            diskStore.remove(blockId);
            reporter.reportRemoved(blockId, locked.get());
            LOG.warn("Block {} was registered but found in no store; removed so it is recomputed", blockId);
        } finally {
            blockInfoManager.removeBlock(blockId);
        }
    }

    /** See {@link BlockManager#getLocalBytes(BlockId, boolean)}. */
    Optional<BlockData> getLocalBytes(BlockId blockId, boolean waitForLock) {
        if (blockId instanceof BlockId.ShuffleBlockId shuffleBlock) {
            return shuffleBlocks.getShuffleBlockData(shuffleBlock);
        }
        if (blockId instanceof BlockId.ShuffleDataBlockId || blockId instanceof BlockId.ShuffleIndexBlockId) {
            return shuffleBlocks
                    .mapOutputFile(blockId)
                    .filter(File::isFile)
                    .map(file -> BlockData.of(new FileSegment(file, 0, file.length())));
        }
        Optional<BlockInfo> locked = blockInfoManager.lockForReading(blockId, waitForLock);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<MemoryStore.MemoryEntry> inMemory = memoryStore.getEntry(blockId);
            if (inMemory.isPresent()) {
                MemoryStore.MemoryEntry entry = inMemory.get();
                if (entry instanceof MemoryStore.SerializedEntry serialized) {
                    ChunkedByteBuffer bytes = serialized.bytes();
                    // Direct buffers are freed when the block goes; the caller reads after the lock is released.
                    return Optional.of(
                            BlockData.of(bytes.isDirect() ? ChunkedByteBuffer.wrap(bytes.toArray()) : bytes));
                }
                CachedValues values = ((MemoryStore.DeserializedEntry) entry).values();
                return Optional.of(BlockData.of(serializerManager.serializeValues(blockId, values.iterator())));
            }
            return diskStore.getBytes(blockId);
        } finally {
            blockInfoManager.unlock(blockId);
        }
    }

    /** See {@link BlockManager#getRemoteBytes}. */
    Optional<ChunkedByteBuffer> getRemoteBytes(BlockId blockId) {
        if (transfer == null) {
            return Optional.empty();
        }
        List<BlockManagerId> holders = new ArrayList<>(master.getLocations(blockId));
        holders.remove(id);
        // Spread readers of a popular block (a broadcast piece) over its holders.
        Collections.shuffle(holders);
        for (BlockManagerId holder : holders) {
            try {
                return Optional.of(transfer.fetch(holder, blockId).join());
            } catch (RuntimeException e) {
                LOG.warn("Could not fetch {} from {}: {}", blockId, holder, Exceptions.rootMessage(e));
            }
        }
        return Optional.empty();
    }

    /** See {@link BlockManager#getRemoteValues}. */
    Optional<BlockResult> getRemoteValues(BlockId blockId) {
        Optional<ChunkedByteBuffer> bytes = getRemoteBytes(blockId);
        return bytes.map(data -> new BlockResult(
                serializerManager.readValues(blockId, data.toInputStream()),
                BlockResult.ReadMethod.NETWORK,
                data.size()));
    }

    /** {@code values}, releasing the calling task's read lock on the block once they are read to the end. */
    private Iterator<Object> releasingLock(BlockId blockId, Iterator<Object> values) {
        long task = BlockInfoManager.currentTaskAttemptId();
        return CompletionIterator.of(values, () -> blockInfoManager.unlock(blockId, task));
    }
}
