package dev.ember.scheduler.cluster;

import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerEndpoint;
import java.time.Duration;

/** The driver's handle on an executor's block manager: each call is an ask to the executor's endpoint. */
final class RemoteBlockManagerEndpoint implements BlockManagerEndpoint {
    private final RpcEndpointRef ref;
    private final Duration timeout;

    RemoteBlockManagerEndpoint(RpcEndpointRef ref, Duration timeout) {
        this.ref = ref;
        this.timeout = timeout;
    }

    @Override
    public void removeBlock(BlockId blockId) {
        ref.<Integer>askSync(new ClusterMessages.RemoveBlock(blockId), timeout);
    }

    @Override
    public int removeRdd(int rddId) {
        return ref.<Integer>askSync(new ClusterMessages.RemoveRdd(rddId), timeout);
    }

    @Override
    public int removeBroadcast(long broadcastId, boolean tellMaster) {
        return ref.<Integer>askSync(new ClusterMessages.RemoveBroadcast(broadcastId, tellMaster), timeout);
    }

    @Override
    public boolean removeShuffle(int shuffleId) {
        return ref.<Boolean>askSync(new ClusterMessages.RemoveShuffle(shuffleId), timeout);
    }

    @Override
    public String toString() {
        return "RemoteBlockManagerEndpoint[" + ref + "]";
    }
}
