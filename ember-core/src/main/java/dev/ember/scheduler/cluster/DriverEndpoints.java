package dev.ember.scheduler.cluster;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.events.EmberListenerEvent;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.scheduler.OutputCommitCoordinator;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockManagerMaster;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The driver's services that executors call over the network: map output locations, the block registry and output
 * commit permission. Each is a thin endpoint over the object local mode calls directly.
 */
public final class DriverEndpoints {
    private DriverEndpoints() {}

    /** Whether {@code id} is the block manager of the process that asked. */
    private static boolean isSender(BlockManagerId id, RpcCallContext context) {
        return id != null && !id.isDriver() && new RpcAddress(id.host(), id.port()).equals(context.senderAddress());
    }

    /** Registers the three endpoints on the driver's {@code rpcEnv}. */
    public static void register(
            RpcEnv rpcEnv,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitCoordinator commitCoordinator,
            Consumer<EmberListenerEvent> events,
            Duration askTimeout) {
        rpcEnv.setupEndpoint(ClusterMessages.MAP_OUTPUT_TRACKER, new RpcEndpoint() {
            @Override
            public void receiveAndReply(Object message, RpcCallContext context) {
                if (message instanceof ClusterMessages.GetMapOutputStatuses get) {
                    // The epoch first: statuses read after it are at least as new as it says.
                    long epoch = mapOutputTracker.epoch();
                    int shuffleId = get.shuffleId();
                    context.reply(new ClusterMessages.MapOutputStatuses(
                            shuffleId,
                            mapOutputTracker.containsShuffle(shuffleId)
                                    ? mapOutputTracker.mapStatuses(shuffleId)
                                    : null,
                            epoch));
                } else if (message instanceof ClusterMessages.GetMapOutputsAt get) {
                    if (!isSender(get.self(), context)) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT, "An executor may only ask for the map outputs it holds");
                    }
                    context.reply(List.copyOf(mapOutputTracker.outputsAt(get.self())));
                } else if (message instanceof ClusterMessages.MapOutputMoved moved) {
                    if (!isSender(moved.from(), context)) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT, "Only the executor holding a map output may move it");
                    }
                    // Only to an executor that is registered and staying.
                    boolean recorded = moved.to() != null
                            && blockManagerMaster.canReceiveBlocks(moved.to())
                            && mapOutputTracker.moveMapOutput(
                                    moved.shuffleId(), moved.mapId(), moved.from(), moved.to());
                    context.reply(recorded);
                } else {
                    RpcEndpoint.super.receiveAndReply(message, context);
                }
            }
        });
        rpcEnv.setupEndpoint(ClusterMessages.BLOCK_MANAGER_MASTER, new RpcEndpoint() {
            @Override
            public void receiveAndReply(Object message, RpcCallContext context) {
                if (message instanceof ClusterMessages.RegisterBlockManager register) {
                    blockManagerMaster.registerBlockManager(
                            register.id(),
                            register.maxOnHeapMemory(),
                            register.maxOffHeapMemory(),
                            new RemoteBlockManagerEndpoint(register.endpoint(), askTimeout));
                    events.accept(new EmberListenerEvent.BlockManagerAdded(
                            System.currentTimeMillis(),
                            register.id(),
                            register.maxOnHeapMemory(),
                            register.maxOffHeapMemory()));
                    context.reply(Boolean.TRUE);
                } else if (message instanceof ClusterMessages.GetPeers get) {
                    context.reply(
                            new ClusterMessages.BlockLocations(List.copyOf(blockManagerMaster.getPeers(get.self()))));
                } else if (message instanceof ClusterMessages.GetLocations get) {
                    context.reply(new ClusterMessages.BlockLocations(
                            List.copyOf(blockManagerMaster.getLocations(get.blockId()))));
                } else {
                    RpcEndpoint.super.receiveAndReply(message, context);
                }
            }

            @Override
            public void receive(Object message, RpcAddress sender) {
                if (message instanceof ClusterMessages.UpdateBlockInfo update) {
                    blockManagerMaster.updateBlockInfo(
                            update.id(), update.blockId(), update.level(), update.memorySize(), update.diskSize());
                } else {
                    RpcEndpoint.super.receive(message, sender);
                }
            }
        });
        rpcEnv.setupEndpoint(ClusterMessages.OUTPUT_COMMIT_COORDINATOR, new RpcEndpoint() {
            @Override
            public void receiveAndReply(Object message, RpcCallContext context) {
                if (message instanceof ClusterMessages.AskPermissionToCommit ask) {
                    context.reply(commitCoordinator.canCommit(
                            ask.stageId(), ask.stageAttempt(), ask.partitionId(), ask.attemptNumber()));
                } else {
                    RpcEndpoint.super.receiveAndReply(message, context);
                }
            }
        });
    }
}
