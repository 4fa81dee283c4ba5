package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.util.Exceptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of one block manager's blocks on other executors, both ends. A block stored here at a level whose
 * replication is above 1 is copied to {@code replication - 1} peers the driver names, chosen at random, so that
 * losing this executor does not lose it:
 *
 * <pre>
 *   holder: replicate ─▶ copyTo(peer) ── FetchReplica ──▶ peer: fetchReplica ── fetch as a stream from the holder
 *                                                              └─▶ putReplica (block-receive pool) ─▶ report to driver
 * </pre>
 *
 * A peer keeps a replica serialized, as it came, and does not copy it further. An executor being decommissioned
 * moves its cached partitions the same way, one {@link #copyTo} per partition to peers it picks itself. A copy that
 * fails is logged and skipped: the block is still here, and is recomputed from its lineage if every copy is lost.
 * Without a {@link BlockTransferService} (local mode) nothing is copied and no replica is taken.
 *
 * <p>Threads: {@link #replicate} runs in the thread that stored the block (a task's thread), after its lock is
 * released; {@link #copyTo} also in the executor's decommissioning thread; both wait for each peer's answer.
 * {@link #fetchReplica} is called on the RPC endpoint's thread and returns at once: the fetched bytes are stored on
 * the block manager's block-receive pool ({@link #putReplica}), since storing may write to disk.
 */
final class BlockReplication {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReplication.class);

    /** How a replica's bytes are stored here: {@link BlockManager#putBytes}. */
    @FunctionalInterface
    interface ReplicaStore {
        boolean putBytes(BlockId blockId, ChunkedByteBuffer bytes, StorageLevel level, boolean tellMaster);
    }

    private final BlockManagerId id;
    private final BlockRegistry master;
    private final BlockTransferService transfer;
    private final BlockInfoManager blockInfoManager;
    private final ReplicaStore store;
    private final Supplier<ExecutorService> receivePool;

    /** {@code transfer} may be null (local mode); {@code receivePool} is asked for the pool at each fetch. */
    BlockReplication(
            BlockManagerId id,
            BlockRegistry master,
            BlockTransferService transfer,
            BlockInfoManager blockInfoManager,
            ReplicaStore store,
            Supplier<ExecutorService> receivePool) {
        this.id = id;
        this.master = master;
        this.transfer = transfer;
        this.blockInfoManager = blockInfoManager;
        this.store = store;
        this.receivePool = receivePool;
    }

    /** Copies a block just stored here to {@code level.replication() - 1} other executors chosen at random. */
    void replicate(BlockId blockId, StorageLevel level) {
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

    /** See {@link BlockManager#copyTo}. */
    boolean copyTo(BlockManagerId peer, BlockId blockId, StorageLevel level) {
        try {
            transfer.replicate(peer, id, blockId, level).join();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not copy {} to {}: {}", blockId, peer, Exceptions.rootMessage(e));
            return false;
        }
    }

    /** See {@link BlockManagerEndpoint#fetchReplica}. */
    CompletableFuture<Boolean> fetchReplica(BlockId blockId, StorageLevel level, BlockManagerId from) {
        if (transfer == null) {
            return CompletableFuture.failedFuture(
                    new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This block manager cannot fetch blocks"));
        }
        if (blockInfoManager.get(blockId).isPresent()) {
            return CompletableFuture.completedFuture(true);
        }
        // Stored off the network thread that completes the fetch: storing may write to disk.
        return transfer.fetch(from, blockId)
                .thenApplyAsync(bytes -> putReplica(blockId, level, bytes), receivePool.get());
    }

    /** See {@link BlockManagerEndpoint#putReplica}. */
    boolean putReplica(BlockId blockId, StorageLevel level, ChunkedByteBuffer bytes) {
        if (blockInfoManager.get(blockId).isPresent()) {
            // Already here, or being stored here by a task: a second copy would only wait for its lock.
            return true;
        }
        // Kept serialized, as it came, and not copied further.
        StorageLevel single = StorageLevel.of(level.useDisk(), level.useMemory(), level.useOffHeap(), false, 1);
        return store.putBytes(blockId, bytes, single, true);
    }
}
