package dev.ember.scheduler.cluster;

import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.storage.BlockManagerEndpoint;

/** An executor's endpoint through which the driver removes blocks held there. */
final class BlockManagerRpcEndpoint implements RpcEndpoint {
    private final BlockManagerEndpoint blockManager;

    BlockManagerRpcEndpoint(BlockManagerEndpoint blockManager) {
        this.blockManager = blockManager;
    }

    @Override
    public void receiveAndReply(Object message, RpcCallContext context) {
        if (message instanceof ClusterMessages.RemoveBlock remove) {
            blockManager.removeBlock(remove.blockId());
            context.reply(1);
        } else if (message instanceof ClusterMessages.RemoveRdd remove) {
            context.reply(blockManager.removeRdd(remove.rddId()));
        } else if (message instanceof ClusterMessages.RemoveBroadcast remove) {
            context.reply(blockManager.removeBroadcast(remove.broadcastId(), remove.tellMaster()));
        } else if (message instanceof ClusterMessages.RemoveShuffle remove) {
            context.reply(blockManager.removeShuffle(remove.shuffleId()));
        } else {
            RpcEndpoint.super.receiveAndReply(message, context);
        }
    }
}
