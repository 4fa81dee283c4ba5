package dev.ember.scheduler.cluster;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.storage.BlockManagerEndpoint;
import dev.ember.storage.RpcBlockTransferService;
import dev.ember.util.Exceptions;
import java.util.concurrent.CompletableFuture;

/**
 * A process's endpoint through which the driver removes blocks held there, and peers have it fetch replicas and
 * take over map outputs from executors being decommissioned.
 */
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
        } else if (message instanceof RpcBlockTransferService.FetchReplica fetch) {
            // Only replicas of cached partitions: other blocks (broadcasts, task results) are the driver's to place.
            if (fetch.blockId() == null || !fetch.blockId().isRdd() || fetch.level() == null || fetch.from() == null) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "A replica request needs a cached partition, a level and a holder");
            }
            answerWhenDone(blockManager.fetchReplica(fetch.blockId(), fetch.level(), fetch.from()), context);
        } else if (message instanceof RpcBlockTransferService.TakeMapOutput take) {
            if (take.shuffleId() < 0 || take.from() == null) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "A map output hand-over needs a shuffle and the executor holding it");
            }
            answerWhenDone(
                    blockManager
                            .takeMapOutput(take.shuffleId(), take.mapId(), take.from())
                            .thenApply(ignored -> Boolean.TRUE),
                    context);
        } else {
            RpcEndpoint.super.receiveAndReply(message, context);
        }
    }

    /** Answers when {@code result} completes, without holding this endpoint's thread meanwhile. */
    private static void answerWhenDone(CompletableFuture<Boolean> result, RpcCallContext context) {
        result.whenComplete((value, error) -> {
            if (error == null) {
                context.reply(value);
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                context.sendFailure(new EmberException(ErrorClass.BLOCK_UNAVAILABLE, Exceptions.rootMessage(cause)));
            }
        });
    }
}
