package dev.ember.storage;

import static java.util.Objects.requireNonNull;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.util.ThreadUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores and serves the blocks of one executor (or of the driver). Reads and writes go through the block's lock
 * in {@link BlockInfoManager}; every change of a block that the master should know about is reported to the
 * driver's {@link BlockRegistry}. With a {@link BlockTransferService} (cluster mode) a block held elsewhere is read
 * from one of its holders.
 *
 * <p>Caching a partition ({@link #getOrElseUpdate}): if the block is here, its values are returned; otherwise the
 * partition is computed and stored at its level: memory as objects or bytes, spilling to disk when memory is
 * short and the level allows, and if nothing can hold it the computed values are still returned, uncached.
 *
 * <p>This class is the block manager's face to the rest of the engine, and handles eviction and removal itself; the
 * other jobs are done by package-private parts it owns:
 *
 * <pre>
 *   BlockReader          reads, from its stores or another block manager
 *   BlockWriter          puts at a storage level
 *   BlockReplication     copies to and from peers (replicas; cached partitions of a decommissioned executor)
 *   MapOutputMigration   takes over the map outputs of a decommissioned executor
 *   BlockStatusReporter  tells the driver what each change left
 * </pre>
 */
public final class BlockManager implements MemoryStore.EvictionHandler, BlockManagerEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BlockManager.class);

    /** What {@link #getOrElseUpdate} produced: the block's values from a store, or computed values not cached. */
    public record CachedOrComputed<T>(Optional<BlockResult> cached, Iterator<T> computed) {}

    private final BlockManagerId id;
    private final SerializerManager serializerManager;
    private final DiskBlockManager diskBlockManager;
    private final ShuffleBlockSource shuffleBlocks;
    private final BlockInfoManager blockInfoManager = new BlockInfoManager();
    private final MemoryStore memoryStore;
    private final DiskStore diskStore;
    private final BlockStatusReporter reporter;
    private final BlockReader reader;
    private final BlockReplication replication;
    private final BlockWriter writer;
    private final MapOutputMigration mapOutputMigration;
    /** Guarded by {@code this}; started by the first replica or map output a peer hands over. */
    private ExecutorService receivePool;

    public BlockManager(
            BlockManagerId id,
            BlockRegistry master,
            UnifiedMemoryManager memoryManager,
            SerializerManager serializerManager,
            DiskBlockManager diskBlockManager,
            ShuffleBlockSource shuffleBlocks,
            long unrollMemoryThreshold) {
        this(
                id,
                master,
                null,
                memoryManager,
                serializerManager,
                diskBlockManager,
                shuffleBlocks,
                unrollMemoryThreshold);
    }

    /**
     * A block manager that also reads blocks held by others through {@code transfer} (null: only its own blocks,
     * as in local mode).
     */
    public BlockManager(
            BlockManagerId id,
            BlockRegistry master,
            BlockTransferService transfer,
            UnifiedMemoryManager memoryManager,
            SerializerManager serializerManager,
            DiskBlockManager diskBlockManager,
            ShuffleBlockSource shuffleBlocks,
            long unrollMemoryThreshold) {
        this.id = requireNonNull(id, "id is null");
        requireNonNull(master, "master is null");
        this.serializerManager = serializerManager;
        this.diskBlockManager = diskBlockManager;
        this.shuffleBlocks = shuffleBlocks;
        this.memoryStore = new MemoryStore(memoryManager, blockInfoManager, serializerManager, unrollMemoryThreshold);
        this.diskStore = new DiskStore(diskBlockManager);
        this.reporter = new BlockStatusReporter(id, master, memoryStore, diskStore);
        this.reader = new BlockReader(
                id,
                master,
                transfer,
                blockInfoManager,
                memoryStore,
                diskStore,
                serializerManager,
                shuffleBlocks,
                reporter);
        this.replication =
                new BlockReplication(id, master, transfer, blockInfoManager, this::putBytes, this::receivePool);
        this.writer =
                new BlockWriter(blockInfoManager, memoryStore, diskStore, serializerManager, reporter, replication);
        this.mapOutputMigration = new MapOutputMigration(transfer, diskBlockManager, shuffleBlocks, this::receivePool);
        memoryStore.setEvictionHandler(this);
        memoryManager.setBlockEvictor(memoryStore);
        master.registerBlockManager(id, memoryManager.maxOnHeapMemory(), memoryManager.maxOffHeapMemory(), this);
    }

    public BlockManagerId blockManagerId() {
        return id;
    }

    public MemoryStore memoryStore() {
        return memoryStore;
    }

    public DiskStore diskStore() {
        return diskStore;
    }

    public DiskBlockManager diskBlockManager() {
        return diskBlockManager;
    }

    public BlockInfoManager blockInfoManager() {
        return blockInfoManager;
    }

    public SerializerManager serializerManager() {
        return serializerManager;
    }

    // ---- reads: BlockReader ----

    /** The block's values if it is stored here; the read lock is held until the values are read to the end. */
    public Optional<BlockResult> getLocalValues(BlockId blockId) {
        return reader.getLocalValues(blockId);
    }

    /** The block's bytes if stored here, serialized (values in memory are serialized on the fly). */
    public Optional<BlockData> getLocalBytes(BlockId blockId) {
        return getLocalBytes(blockId, true);
    }

    /**
     * The block's bytes if stored here; without {@code waitForLock}, empty also when the block is being written or
     * removed right now (for serving other processes from a network thread, which must not wait).
     */
    public Optional<BlockData> getLocalBytes(BlockId blockId, boolean waitForLock) {
        return reader.getLocalBytes(blockId, waitForLock);
    }

    /**
     * The bytes of a block held by another block manager, from the first of its holders that answers; empty when
     * none does (or in local mode).
     */
    public Optional<ChunkedByteBuffer> getRemoteBytes(BlockId blockId) {
        return reader.getRemoteBytes(blockId);
    }

    /** The values of a block held by another block manager, deserialized here; empty when no holder answers. */
    public Optional<BlockResult> getRemoteValues(BlockId blockId) {
        return reader.getRemoteValues(blockId);
    }

    // ---- writes: BlockWriter ----

    /**
     * The cached values of {@code blockId}, or, if absent, the values of {@code compute} stored at {@code level}.
     * When the values cannot be stored anywhere they are returned uncached.
     */
    public <T> CachedOrComputed<T> getOrElseUpdate(BlockId blockId, StorageLevel level, Supplier<Iterator<T>> compute) {
        Optional<BlockResult> cached = getLocalValues(blockId);
        if (cached.isPresent()) {
            return new CachedOrComputed<>(cached, null);
        }
        // Cached on another executor: reading it is cheaper than computing it again.
        Optional<BlockResult> remote = getRemoteValues(blockId);
        if (remote.isPresent()) {
            return new CachedOrComputed<>(remote, null);
        }
        Optional<Iterator<T>> notStored = writer.putIterator(blockId, compute, level, true, true);
        if (notStored.isPresent()) {
            return new CachedOrComputed<>(Optional.empty(), notStored.get());
        }
        // Stored (or stored meanwhile by another task): we hold a read lock from the put; read and drop it.
        Optional<BlockResult> stored = getLocalValues(blockId);
        blockInfoManager.unlock(blockId);
        if (stored.isEmpty()) {
            // Lost right after it was stored (its file deleted, say): compute the values again, uncached.
            LOG.warn("Block {} was lost right after it was stored; computing it again", blockId);
            return new CachedOrComputed<>(Optional.empty(), compute.get());
        }
        return new CachedOrComputed<>(stored, null);
    }

    /** Stores the values of an iterator at {@code level}; false if nothing could hold them. */
    public <T> boolean putIterator(BlockId blockId, Iterator<T> values, StorageLevel level, boolean tellMaster) {
        Optional<Iterator<T>> notStored = writer.putIterator(blockId, () -> values, level, false, tellMaster);
        return notStored.isEmpty();
    }

    /** Stores one object at {@code level}. */
    public boolean putSingle(BlockId blockId, Object value, StorageLevel level, boolean tellMaster) {
        return putIterator(blockId, Collections.singletonList(value).iterator(), level, tellMaster);
    }

    /** Stores serialized bytes at {@code level} (which must be a serialized level for memory). */
    public boolean putBytes(BlockId blockId, ChunkedByteBuffer bytes, StorageLevel level, boolean tellMaster) {
        return writer.putBytes(blockId, bytes, level, tellMaster);
    }

    // ---- copies to and from peers: BlockReplication, MapOutputMigration ----

    /** Has {@code peer} fetch and store a copy of a block held here; false (logged) if it could not. */
    public boolean copyTo(BlockManagerId peer, BlockId blockId, StorageLevel level) {
        return replication.copyTo(peer, blockId, level);
    }

    @Override
    public CompletableFuture<Boolean> fetchReplica(BlockId blockId, StorageLevel level, BlockManagerId from) {
        return replication.fetchReplica(blockId, level, from);
    }

    @Override
    public boolean putReplica(BlockId blockId, StorageLevel level, ChunkedByteBuffer bytes) {
        return replication.putReplica(blockId, level, bytes);
    }

    @Override
    public CompletableFuture<Void> takeMapOutput(int shuffleId, long mapId, BlockManagerId from) {
        return mapOutputMigration.takeMapOutput(shuffleId, mapId, from);
    }

    /** Threads that store what peers fetched for this block manager; started with the first such fetch. */
    private synchronized ExecutorService receivePool() {
        if (receivePool == null) {
            receivePool = ThreadUtils.newDaemonBoundedThreadPool("block-receive", 2);
        }
        return receivePool;
    }

    // ---- eviction and removal ----

    @Override
    public void dropFromMemory(BlockId blockId, MemoryStore.MemoryEntry entry) {
        // Called by the memory store with the block's write lock held.
        BlockInfo info = blockInfoManager.get(blockId).orElse(null);
        try {
            if (info != null && info.level().useDisk() && !diskStore.contains(blockId)) {
                if (entry instanceof MemoryStore.DeserializedEntry values) {
                    diskStore.put(
                            blockId,
                            out -> serializerManager.writeValues(
                                    blockId, values.values().iterator(), out));
                } else {
                    diskStore.putBytes(blockId, ((MemoryStore.SerializedEntry) entry).bytes());
                }
            }
            memoryStore.remove(blockId);
            if (info != null) {
                if (diskStore.contains(blockId)) {
                    reporter.reportStatus(blockId, info);
                    blockInfoManager.unlock(blockId);
                } else {
                    reporter.reportRemoved(blockId, info);
                    blockInfoManager.removeBlock(blockId);
                }
            }
        } catch (RuntimeException e) {
            blockInfoManager.unlock(blockId);
            throw e;
        }
    }

    @Override
    public void removeBlock(BlockId blockId) {
        Optional<BlockInfo> locked = blockInfoManager.lockForWriting(blockId, true);
        if (locked.isEmpty()) {
            return;
        }
        BlockInfo info = locked.get();
        try {
            memoryStore.remove(blockId);
            diskStore.remove(blockId);
            reporter.reportRemoved(blockId, info);
        } finally {
            blockInfoManager.removeBlock(blockId);
        }
    }

    @Override
    public int removeRdd(int rddId) {
        return removeMatching(blockId -> blockId instanceof BlockId.RddBlockId rdd && rdd.rddId() == rddId);
    }

    @Override
    public int removeBroadcast(long broadcastId, boolean tellMaster) {
        return removeMatching(blockId ->
                blockId instanceof BlockId.BroadcastBlockId broadcast && broadcast.broadcastId() == broadcastId);
    }

    @Override
    public boolean removeShuffle(int shuffleId) {
        return shuffleBlocks.removeShuffle(shuffleId);
    }

    private int removeMatching(Predicate<BlockId> filter) {
        List<BlockId> matching = getMatchingBlockIds(filter);
        for (BlockId blockId : matching) {
            removeBlock(blockId);
        }
        return matching.size();
    }

    /** Blocks held here matching {@code filter}. */
    public List<BlockId> getMatchingBlockIds(Predicate<BlockId> filter) {
        List<BlockId> matching = new ArrayList<>();
        for (BlockId blockId : blockInfoManager.blockIds()) {
            if (filter.test(blockId)) {
                matching.add(blockId);
            }
        }
        return matching;
    }

    /** Where and how large a block is here. */
    public BlockStatus getStatus(BlockId blockId) {
        Optional<BlockInfo> info = blockInfoManager.get(blockId);
        if (info.isEmpty()) {
            return BlockStatus.EMPTY;
        }
        return new BlockStatus(
                info.get().level(),
                memoryStore.getSize(blockId),
                diskStore.contains(blockId) ? diskStore.getSize(blockId) : 0);
    }

    /** Releases every block lock a finished task still holds. */
    public List<BlockId> releaseAllLocksForTask(long taskAttemptId) {
        return blockInfoManager.releaseAllLocksForTask(taskAttemptId);
    }

    /** Drops every block and removes all files. */
    public void stop() {
        synchronized (this) {
            if (receivePool != null) {
                receivePool.shutdownNow();
            }
        }
        memoryStore.clear();
        blockInfoManager.clear();
        diskBlockManager.stop();
    }
}
