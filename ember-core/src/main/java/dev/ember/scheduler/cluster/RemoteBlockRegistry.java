package dev.ember.scheduler.cluster;

import dev.ember.StorageLevel;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerEndpoint;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockRegistry;
import java.time.Duration;
import java.util.List;

/**
 * An executor's view of the driver's block registry. Status updates are one-way messages (they leave in order, so
 * the driver sees them in the order they happened); registration and lookups are asks.
 */
public final class RemoteBlockRegistry implements BlockRegistry {
    private final RpcEnv rpcEnv;
    private final RpcEndpointRef driver;
    private final Duration timeout;

    public RemoteBlockRegistry(RpcEnv rpcEnv, RpcEndpointRef driver, Duration timeout) {
        this.rpcEnv = rpcEnv;
        this.driver = driver;
        this.timeout = timeout;
    }

    @Override
    public void registerBlockManager(
            BlockManagerId id, long maxOnHeapMemory, long maxOffHeapMemory, BlockManagerEndpoint endpoint) {
        RpcEndpointRef ref = rpcEnv.setupEndpoint(ClusterMessages.BLOCK_MANAGER, new BlockManagerRpcEndpoint(endpoint));
        driver.<Boolean>askSync(
                new ClusterMessages.RegisterBlockManager(id, maxOnHeapMemory, maxOffHeapMemory, ref), timeout);
    }

    @Override
    public void updateBlockInfo(
            BlockManagerId id, BlockId blockId, StorageLevel level, long memorySize, long diskSize) {
        driver.send(new ClusterMessages.UpdateBlockInfo(id, blockId, level, memorySize, diskSize));
    }

    @Override
    public List<BlockManagerId> getPeers(BlockManagerId self) {
        ClusterMessages.BlockLocations peers = driver.askSync(new ClusterMessages.GetPeers(self), timeout);
        return peers.holders();
    }

    @Override
    public List<BlockManagerId> getLocations(BlockId blockId) {
        ClusterMessages.BlockLocations locations = driver.askSync(new ClusterMessages.GetLocations(blockId), timeout);
        return locations.holders();
    }
}
