package dev.ember.scheduler.cluster;

import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.storage.BlockManagerEndpoint;
import dev.ember.storage.RpcBlockTransferService;

/** A process's endpoint through which the driver removes blocks held there and peers store replicas. */
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
        } else if (message instanceof RpcBlockTransferService.UploadBlock upload) {
            // Only replicas of cached partitions: other blocks (broadcasts, task results) are the driver's to place.
            if (upload.blockId() == null
                    || !upload.blockId().isRdd()
                    || upload.level() == null
                    || upload.bytes() == null) {
                throw new dev.ember.EmberException(
                        dev.ember.ErrorClass.INVALID_ARGUMENT, "A block upload must be a complete cached partition");
            }
            context.reply(blockManager.putReplica(
                    upload.blockId(), upload.level(), dev.ember.io.ChunkedByteBuffer.wrap(upload.bytes())));
        } else {
            RpcEndpoint.super.receiveAndReply(message, context);
        }
    }
}
