package dev.ember.storage;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.memory.MemoryMode;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.Serializer;
import dev.ember.util.CompletionIterator;
import dev.ember.util.Exceptions;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 */
public final class BlockManager implements MemoryStore.EvictionHandler, BlockManagerEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BlockManager.class);

    /** What {@link #getOrElseUpdate} produced: the block's values from a store, or computed values not cached. */
    public record CachedOrComputed<T>(Optional<BlockResult> cached, Iterator<T> computed) {}

    private final BlockManagerId id;
    private final BlockRegistry master;
    private final BlockTransferService transfer;
    private final UnifiedMemoryManager memoryManager;
    private final SerializerManager serializerManager;
    private final DiskBlockManager diskBlockManager;
    private final ShuffleBlockSource shuffleBlocks;
    private final BlockInfoManager blockInfoManager = new BlockInfoManager();
    private final MemoryStore memoryStore;
    private final DiskStore diskStore;
    private java.util.concurrent.ExecutorService receivePool;

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
        this.master = requireNonNull(master, "master is null");
        this.transfer = transfer;
        this.memoryManager = memoryManager;
        this.serializerManager = serializerManager;
        this.diskBlockManager = diskBlockManager;
        this.shuffleBlocks = shuffleBlocks;
        this.memoryStore = new MemoryStore(memoryManager, blockInfoManager, serializerManager, unrollMemoryThreshold);
        this.diskStore = new DiskStore(diskBlockManager);
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

    // ---- reads ----

    /** The block's values if it is stored here; the read lock is held until the values are read to the end. */
    public Optional<BlockResult> getLocalValues(BlockId blockId) {
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
                        : deserialize(blockId, ((MemoryStore.SerializedEntry) entry).bytes());
                return Optional.of(
                        new BlockResult(releasingLock(blockId, values), BlockResult.ReadMethod.MEMORY, entry.size()));
            }
            if (level.useDisk()) {
                Optional<BlockData> onDisk = diskStore.getBytes(blockId);
                if (onDisk.isPresent()) {
                    BlockData data = onDisk.get();
                    Iterator<Object> values = serializerManager
                            .defaultSerializer()
                            .newInstance()
                            .deserializeStream(serializerManager.wrapForCompression(blockId, data.toInputStream()))
                            .asIterator();
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
            reportRemoved(blockId, locked.get());
            LOG.warn("Block {} was registered but found in no store; removed so it is recomputed", blockId);
        } finally {
            blockInfoManager.removeBlock(blockId);
        }
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
        if (blockId instanceof BlockId.ShuffleBlockId shuffleBlock) {
            return shuffleBlocks.getShuffleBlockData(shuffleBlock);
        }
        if (blockId instanceof BlockId.ShuffleDataBlockId || blockId instanceof BlockId.ShuffleIndexBlockId) {
            return shuffleBlocks
                    .mapOutputFile(blockId)
                    .filter(java.io.File::isFile)
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
                return Optional.of(BlockData.of(serialize(blockId, values.iterator())));
            }
            return diskStore.getBytes(blockId);
        } finally {
            blockInfoManager.unlock(blockId);
        }
    }

    /**
     * The bytes of a block held by another block manager, from the first of its holders that answers; empty when
     * none does (or in local mode).
     */
    public Optional<ChunkedByteBuffer> getRemoteBytes(BlockId blockId) {
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

    /** The values of a block held by another block manager, deserialized here; empty when no holder answers. */
    public Optional<BlockResult> getRemoteValues(BlockId blockId) {
        Optional<ChunkedByteBuffer> bytes = getRemoteBytes(blockId);
        return bytes.map(
                data -> new BlockResult(deserialize(blockId, data), BlockResult.ReadMethod.NETWORK, data.size()));
    }

    private Iterator<Object> releasingLock(BlockId blockId, Iterator<Object> values) {
        long task = BlockInfoManager.currentTaskAttemptId();
        return CompletionIterator.of(values, () -> blockInfoManager.unlock(blockId, task));
    }

    // ---- writes ----

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
        Optional<Iterator<T>> notStored = doPutIterator(blockId, compute, level, true);
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
        Optional<Iterator<T>> notStored = doPutIterator(blockId, () -> values, level, false, tellMaster);
        return notStored.isEmpty();
    }

    /** Stores one object at {@code level}. */
    public boolean putSingle(BlockId blockId, Object value, StorageLevel level, boolean tellMaster) {
        return putIterator(blockId, Collections.singletonList(value).iterator(), level, tellMaster);
    }

    /** Stores serialized bytes at {@code level} (which must be a serialized level for memory). */
    public boolean putBytes(BlockId blockId, ChunkedByteBuffer bytes, StorageLevel level, boolean tellMaster) {
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
                reportStatus(blockId, info);
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

    private <T> Optional<Iterator<T>> doPutIterator(
            BlockId blockId, Supplier<Iterator<T>> compute, StorageLevel level, boolean keepReadLock) {
        return doPutIterator(blockId, compute, level, keepReadLock, true);
    }

    /**
     * Puts the values of {@code compute}. Returns them when nothing could store them. With {@code keepReadLock}
     * the caller ends up holding a read lock on the stored block.
     */
    private <T> Optional<Iterator<T>> doPutIterator(
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
        reportStatus(blockId, info);
        if (keepReadLock) {
            blockInfoManager.downgradeLock(blockId);
        } else {
            blockInfoManager.unlock(blockId);
        }
        if (level.replication() > 1) {
            replicate(blockId, level);
        }
        return Optional.empty();
    }

    /**
     * Copies a block just stored here to {@code level.replication() - 1} other executors chosen at random, so that
     * losing this executor does not lose the block. A copy that fails is logged and skipped: the block is still
     * here, and is recomputed from its lineage if every copy is lost.
     */
    private void replicate(BlockId blockId, StorageLevel level) {
        if (transfer == null) {
            return;
        }
        int wanted = level.replication() - 1;
        List<BlockManagerId> peers;
        try {
            peers = new ArrayList<>(master.getPeers(id));
        } catch (RuntimeException e) {
            LOG.warn("Could not replicate {}: the driver did not name other executors: {}", blockId, e.getMessage());
            return;
        }
        Collections.shuffle(peers);
        int copies = 0;
        for (BlockManagerId peer : peers) {
            if (copies == wanted) {
                break;
            }
            // The peer fetches the block from here as a stream, so no message size bounds it.
            if (copyTo(peer, blockId, level)) {
                copies++;
            }
        }
        if (copies < wanted) {
            LOG.warn(
                    "Block {} has {} of the {} replica(s) its level {} asks for: not enough other executors could take"
                            + " one",
                    blockId,
                    copies,
                    wanted,
                    level);
        }
    }

    /** Has {@code peer} fetch and store a copy of a block held here; false (logged) if it could not. */
    public boolean copyTo(BlockManagerId peer, BlockId blockId, StorageLevel level) {
        try {
            transfer.replicate(peer, id, blockId, level).join();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not copy {} to {}: {}", blockId, peer, Exceptions.rootMessage(e));
            return false;
        }
    }

    @Override
    public CompletableFuture<Boolean> fetchReplica(BlockId blockId, StorageLevel level, BlockManagerId from) {
        if (transfer == null) {
            return CompletableFuture.failedFuture(
                    new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This block manager cannot fetch blocks"));
        }
        if (blockInfoManager.get(blockId).isPresent()) {
            return CompletableFuture.completedFuture(true);
        }
        // Stored off the network thread that completes the fetch: storing may write to disk.
        return transfer.fetch(from, blockId).thenApplyAsync(bytes -> putReplica(blockId, level, bytes), receivePool());
    }

    @Override
    public CompletableFuture<Void> takeMapOutput(int shuffleId, long mapId, BlockManagerId from) {
        if (transfer == null) {
            return CompletableFuture.failedFuture(
                    new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This block manager cannot fetch blocks"));
        }
        java.io.File data = diskBlockManager.getFile(new BlockId.ShuffleDataBlockId(shuffleId, mapId));
        java.io.File index = diskBlockManager.getFile(new BlockId.ShuffleIndexBlockId(shuffleId, mapId));
        String suffix = "." + dev.ember.util.UniqueIds.randomUuid() + ".incoming";
        java.io.File tempData = new java.io.File(data.getParentFile(), data.getName() + suffix);
        java.io.File tempIndex = new java.io.File(index.getParentFile(), index.getName() + suffix);
        CompletableFuture<Long> indexFetched =
                transfer.fetchToFile(from, new BlockId.ShuffleIndexBlockId(shuffleId, mapId), tempIndex.toPath());
        CompletableFuture<Long> dataFetched =
                transfer.fetchToFile(from, new BlockId.ShuffleDataBlockId(shuffleId, mapId), tempData.toPath());
        return CompletableFuture.allOf(indexFetched, dataFetched)
                .thenRunAsync(
                        () -> {
                            try {
                                shuffleBlocks.adoptMapOutput(shuffleId, mapId, tempIndex, tempData);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        receivePool())
                .whenComplete((ignored, error) -> {
                    // Left behind only when something failed: adopting moves them into place.
                    tempData.delete();
                    tempIndex.delete();
                });
    }

    /** Threads that store what peers fetched for this block manager; started with the first such fetch. */
    private synchronized java.util.concurrent.ExecutorService receivePool() {
        if (receivePool == null) {
            receivePool = dev.ember.util.ThreadUtils.newDaemonBoundedThreadPool("block-receive", 2);
        }
        return receivePool;
    }

    @Override
    public boolean putReplica(BlockId blockId, StorageLevel level, ChunkedByteBuffer bytes) {
        if (blockInfoManager.get(blockId).isPresent()) {
            // Already here, or being stored here by a task: a second copy would only wait for its lock.
            return true;
        }
        // Kept serialized, as it came, and not copied further.
        StorageLevel single = StorageLevel.of(level.useDisk(), level.useMemory(), level.useOffHeap(), false, 1);
        return putBytes(blockId, bytes, single, true);
    }

    private long putValuesOnDisk(BlockId blockId, Iterator<?> values) {
        return diskStore.put(blockId, out -> writeValues(blockId, values, out));
    }

    private void writeValues(BlockId blockId, Iterator<?> values, OutputStream out) {
        SerializationStream stream = serializerManager
                .defaultSerializer()
                .newInstance()
                .serializeStream(serializerManager.wrapForCompression(blockId, out));
        stream.writeAll(values);
        stream.close();
    }

    private ChunkedByteBuffer serialize(BlockId blockId, Iterator<?> values) {
        dev.ember.io.ChunkedByteBufferOutputStream bytes = dev.ember.io.ChunkedByteBufferOutputStream.onHeap(64 * 1024);
        writeValues(blockId, values, bytes);
        return bytes.toChunkedByteBuffer();
    }

    private Iterator<Object> deserialize(BlockId blockId, ChunkedByteBuffer bytes) {
        Serializer serializer = serializerManager.defaultSerializer();
        return serializer
                .newInstance()
                .deserializeStream(serializerManager.wrapForCompression(blockId, bytes.toInputStream()))
                .asIterator();
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
                            blockId, out -> writeValues(blockId, values.values().iterator(), out));
                } else {
                    diskStore.putBytes(blockId, ((MemoryStore.SerializedEntry) entry).bytes());
                }
            }
            memoryStore.remove(blockId);
            if (info != null) {
                if (diskStore.contains(blockId)) {
                    reportStatus(blockId, info);
                    blockInfoManager.unlock(blockId);
                } else {
                    reportRemoved(blockId, info);
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
            reportRemoved(blockId, info);
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

    private void reportStatus(BlockId blockId, BlockInfo info) {
        if (!info.tellMaster()) {
            return;
        }
        long memorySize = memoryStore.getSize(blockId);
        long diskSize = diskStore.contains(blockId) ? diskStore.getSize(blockId) : 0;
        StorageLevel level = info.level();
        StorageLevel effective = StorageLevel.of(
                level.useDisk() && diskSize > 0,
                memorySize > 0,
                level.useOffHeap() && memorySize > 0,
                level.deserialized(),
                level.replication());
        master.updateBlockInfo(id, blockId, effective, memorySize, diskSize);
    }

    private void reportRemoved(BlockId blockId, BlockInfo info) {
        if (info.tellMaster()) {
            master.updateBlockInfo(id, blockId, StorageLevel.NONE, 0, 0);
        }
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
