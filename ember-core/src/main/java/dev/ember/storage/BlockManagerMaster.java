package dev.ember.storage;

import dev.ember.StorageLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's registry of block managers and of which blocks each holds. Cached-partition locations feed task
 * locality; removals (unpersist, broadcast destroy, shuffle cleanup) are fanned out to every block manager that
 * may hold the data. Thread-safe: one lock guards the registry; calls to block managers happen outside it.
 */
public final class BlockManagerMaster implements BlockRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BlockManagerMaster.class);

    /** A block's change of status, for listeners. */
    public record BlockUpdate(BlockManagerId blockManagerId, BlockId blockId, BlockStatus status) {}

    /** What is known of one registered block manager. */
    public record BlockManagerInfo(
            BlockManagerId id, long maxOnHeapMemory, long maxOffHeapMemory, BlockManagerEndpoint endpoint) {}

    private final Object lock = new Object();
    private final Map<BlockManagerId, BlockManagerInfo> managers = new HashMap<>();
    private final Map<BlockManagerId, Map<BlockId, BlockStatus>> blocksByManager = new HashMap<>();
    private final Map<BlockId, Set<BlockManagerId>> locations = new HashMap<>();
    private final Set<String> decommissioning = new java.util.HashSet<>();
    private final Consumer<BlockUpdate> updateListener;

    public BlockManagerMaster(Consumer<BlockUpdate> updateListener) {
        this.updateListener = updateListener;
    }

    @Override
    public void registerBlockManager(
            BlockManagerId id, long maxOnHeapMemory, long maxOffHeapMemory, BlockManagerEndpoint endpoint) {
        synchronized (lock) {
            if (managers.containsKey(id)) {
                removeBlockManagerLocked(id);
            }
            managers.put(id, new BlockManagerInfo(id, maxOnHeapMemory, maxOffHeapMemory, endpoint));
            blocksByManager.put(id, new HashMap<>());
        }
        LOG.debug("Registered block manager {}", id);
    }

    /** Records a block's new status on a block manager; a status that holds nothing removes the block. */
    @Override
    public void updateBlockInfo(
            BlockManagerId id, BlockId blockId, StorageLevel level, long memorySize, long diskSize) {
        BlockStatus status = new BlockStatus(level, memorySize, diskSize);
        synchronized (lock) {
            Map<BlockId, BlockStatus> blocks = blocksByManager.get(id);
            if (blocks == null) {
                return;
            }
            if (level.isValid() && status.isCached()) {
                blocks.put(blockId, status);
                locations
                        .computeIfAbsent(blockId, ignored -> new LinkedHashSet<>())
                        .add(id);
            } else {
                blocks.remove(blockId);
                forgetLocation(blockId, id);
            }
        }
        if (blockId.isRdd() || blockId.isBroadcast()) {
            updateListener.accept(new BlockUpdate(id, blockId, status));
        }
    }

    /** Block managers holding {@code blockId}. */
    @Override
    public List<BlockManagerId> getLocations(BlockId blockId) {
        synchronized (lock) {
            Set<BlockManagerId> holders = locations.get(blockId);
            return holders == null ? List.of() : List.copyOf(holders);
        }
    }

    /** Holders of each of {@code blockIds}, in order. */
    public List<List<BlockManagerId>> getLocations(List<? extends BlockId> blockIds) {
        synchronized (lock) {
            List<List<BlockManagerId>> result = new ArrayList<>(blockIds.size());
            for (BlockId blockId : blockIds) {
                Set<BlockManagerId> holders = locations.get(blockId);
                result.add(holders == null ? List.of() : List.copyOf(holders));
            }
            return result;
        }
    }

    /** Executors' block managers other than {@code self}, leaving out those being decommissioned. */
    @Override
    public List<BlockManagerId> getPeers(BlockManagerId self) {
        synchronized (lock) {
            List<BlockManagerId> peers = new ArrayList<>();
            for (BlockManagerId id : managers.keySet()) {
                if (!id.equals(self) && !id.isDriver() && !decommissioning.contains(id.executorId())) {
                    peers.add(id);
                }
            }
            return peers;
        }
    }

    /**
     * An executor is being decommissioned: it takes no more replicas or migrated blocks (it is handing its own
     * over). Forgotten when it is removed.
     */
    public void markDecommissioning(String executorId) {
        synchronized (lock) {
            decommissioning.add(executorId);
        }
    }

    /** Whether {@code id} is registered and may take blocks: an executor's, and not being decommissioned. */
    public boolean canReceiveBlocks(BlockManagerId id) {
        synchronized (lock) {
            return managers.containsKey(id) && !id.isDriver() && !decommissioning.contains(id.executorId());
        }
    }

    /** Every registered block manager. */
    public List<BlockManagerInfo> blockManagers() {
        synchronized (lock) {
            return List.copyOf(managers.values());
        }
    }

    /** Removes every cached partition of an RDD everywhere; returns how many blocks were removed. */
    public int removeRdd(int rddId) {
        int removed = 0;
        for (BlockManagerInfo info : blockManagers()) {
            try {
                removed += info.endpoint().removeRdd(rddId);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove RDD {} from {}", rddId, info.id(), e);
            }
        }
        return removed;
    }

    /** Removes a broadcast's blocks from executors, and from the driver too when asked. */
    public void removeBroadcast(long broadcastId, boolean removeFromDriver) {
        for (BlockManagerInfo info : blockManagers()) {
            if (!removeFromDriver && info.id().isDriver()) {
                continue;
            }
            try {
                info.endpoint().removeBroadcast(broadcastId, true);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove broadcast {} from {}", broadcastId, info.id(), e);
            }
        }
    }

    /** Removes a shuffle's files from every executor. */
    public void removeShuffle(int shuffleId) {
        for (BlockManagerInfo info : blockManagers()) {
            try {
                info.endpoint().removeShuffle(shuffleId);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove shuffle {} from {}", shuffleId, info.id(), e);
            }
        }
    }

    /** Forgets an executor's block manager and every block it held. */
    public void removeExecutor(String executorId) {
        synchronized (lock) {
            decommissioning.remove(executorId);
            for (BlockManagerId id : List.copyOf(managers.keySet())) {
                if (id.executorId().equals(executorId)) {
                    removeBlockManagerLocked(id);
                }
            }
        }
    }

    private void removeBlockManagerLocked(BlockManagerId id) {
        managers.remove(id);
        Map<BlockId, BlockStatus> blocks = blocksByManager.remove(id);
        if (blocks != null) {
            for (BlockId blockId : blocks.keySet()) {
                forgetLocation(blockId, id);
            }
        }
    }

    /** Drops {@code holder} from the locations of {@code blockId}. Called with the lock held. */
    private void forgetLocation(BlockId blockId, BlockManagerId holder) {
        Set<BlockManagerId> holders = locations.get(blockId);
        if (holders != null) {
            holders.remove(holder);
            if (holders.isEmpty()) {
                locations.remove(blockId);
            }
        }
    }
}
