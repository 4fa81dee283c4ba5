package dev.ember.scheduler.cluster;

import dev.ember.StorageLevel;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskState;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.util.List;
import java.util.Map;

/**
 * The messages between a driver and its executors in cluster mode, grouped by the endpoint that receives them. The
 * driver runs {@value #SCHEDULER}, {@value #MAP_OUTPUT_TRACKER}, {@value #BLOCK_MANAGER_MASTER} and
 * {@value #OUTPUT_COMMIT_COORDINATOR}; each executor runs {@value #EXECUTOR} and {@value #BLOCK_MANAGER}. They travel in
 * the wire format of {@link ClusterWire}, which lists every record here.
 */
public final class ClusterMessages {
    /** The driver's scheduler endpoint: executors register here and report task states. */
    public static final String SCHEDULER = "CoarseGrainedScheduler";

    public static final String MAP_OUTPUT_TRACKER = "MapOutputTracker";
    public static final String BLOCK_MANAGER_MASTER = "BlockManagerMaster";
    public static final String OUTPUT_COMMIT_COORDINATOR = "OutputCommitCoordinator";

    /** An executor's endpoint for launching and killing tasks. */
    public static final String EXECUTOR = "Executor";

    /** An executor's endpoint through which the driver removes its blocks. */
    public static final String BLOCK_MANAGER = dev.ember.storage.RpcBlockTransferService.ENDPOINT;

    private ClusterMessages() {}

    // ---- who handles what: each message names the handler method for its type, so that a message added to a
    // ---- group without a handler does not compile ----

    /** A one-way message to the driver's scheduler endpoint. */
    public sealed interface SchedulerEvent permits StatusUpdate, LargeResult, ReviveOffers, ExecutorMetrics {
        /** Calls the method of {@code scheduler} for this message's type. */
        void deliver(SchedulerEvents scheduler, RpcAddress sender);
    }

    /** What the driver's scheduler endpoint does with each {@link SchedulerEvent}. */
    public interface SchedulerEvents {
        void statusUpdate(StatusUpdate event, RpcAddress sender);

        void largeResult(LargeResult event, RpcAddress sender);

        void executorMetrics(ExecutorMetrics event, RpcAddress sender);

        void reviveOffers(ReviveOffers event, RpcAddress sender);
    }

    /** A request the driver's scheduler endpoint answers. */
    public sealed interface SchedulerRequest permits RetrieveAppConfig, RegisterExecutor {
        /** Calls the method of {@code scheduler} for this message's type, which answers through {@code context}. */
        void deliver(SchedulerRequests scheduler, RpcCallContext context);
    }

    /** How the driver's scheduler endpoint answers each {@link SchedulerRequest}. */
    public interface SchedulerRequests {
        void retrieveAppConfig(RetrieveAppConfig request, RpcCallContext context);

        void registerExecutor(RegisterExecutor request, RpcCallContext context);
    }

    /** An order from the driver to an executor. */
    public sealed interface ExecutorOrder permits LaunchTask, KillTask, StopExecutor, DecommissionExecutor {
        /** Calls the method of {@code executor} for this order's type. */
        void deliver(ExecutorOrders executor, RpcAddress sender);
    }

    /** What an executor does with each {@link ExecutorOrder}. */
    public interface ExecutorOrders {
        void launchTask(LaunchTask order, RpcAddress sender);

        void killTask(KillTask order, RpcAddress sender);

        void stopExecutor(StopExecutor order, RpcAddress sender);

        void decommissionExecutor(DecommissionExecutor order, RpcAddress sender);
    }

    // ---- to the driver's scheduler ----

    /** An executor starting up asks for the application's configuration; answered with {@link AppConfig}. */
    public record RetrieveAppConfig(String executorId) implements SchedulerRequest {
        @Override
        public void deliver(SchedulerRequests scheduler, RpcCallContext context) {
            scheduler.retrieveAppConfig(this, context);
        }
    }

    /** The driver's configuration, which executors run with, and the application's id. */
    public record AppConfig(Map<String, String> settings, String applicationId) {}

    /** An executor ready for tasks; answered with {@code true}, or a failure naming why it was refused. */
    public record RegisterExecutor(String executorId, RpcEndpointRef executorRef, String host, int cores)
            implements SchedulerRequest {
        @Override
        public void deliver(SchedulerRequests scheduler, RpcCallContext context) {
            scheduler.registerExecutor(this, context);
        }
    }

    /** A task changed state on an executor; {@code data} as for {@code ExecutorBackend#statusUpdate}. */
    public record StatusUpdate(String executorId, long taskId, TaskState state, byte[] data) implements SchedulerEvent {
        @Override
        public void deliver(SchedulerEvents scheduler, RpcAddress sender) {
            scheduler.statusUpdate(this, sender);
        }
    }

    /**
     * A task finished with a result too large to ride in a {@link StatusUpdate}: it waits, serialized, in the block
     * manager {@code holder} as {@code blockId}, for the driver to fetch and then remove.
     */
    public record LargeResult(
            String executorId, long taskId, BlockManagerId holder, BlockId.TaskResultBlockId blockId, long size)
            implements SchedulerEvent {
        @Override
        public void deliver(SchedulerEvents scheduler, RpcAddress sender) {
            scheduler.largeResult(this, sender);
        }
    }

    /**
     * What an executor's JVM and block manager hold now, sent every {@code ember.executor.metrics.interval}: names as
     * in {@link dev.ember.events.EmberListenerEvent.ExecutorMetricsUpdate}.
     */
    public record ExecutorMetrics(String executorId, Map<String, Long> metrics) implements SchedulerEvent {
        @Override
        public void deliver(SchedulerEvents scheduler, RpcAddress sender) {
            scheduler.executorMetrics(this, sender);
        }
    }

    /** Offer free cores now. */
    public record ReviveOffers() implements SchedulerEvent {
        @Override
        public void deliver(SchedulerEvents scheduler, RpcAddress sender) {
            scheduler.reviveOffers(this, sender);
        }
    }

    // ---- to an executor ----

    /**
     * Run a task. {@code epoch} is the driver's map output epoch: an executor holding map output locations from an
     * older epoch drops them, since some outputs were lost since.
     */
    public record LaunchTask(TaskDescription task, long epoch) implements ExecutorOrder {
        @Override
        public void deliver(ExecutorOrders executor, RpcAddress sender) {
            executor.launchTask(this, sender);
        }
    }

    public record KillTask(long taskId, boolean interruptThread, String reason) implements ExecutorOrder {
        @Override
        public void deliver(ExecutorOrders executor, RpcAddress sender) {
            executor.killTask(this, sender);
        }
    }

    /**
     * The driver asks an executor about itself, for the UI: {@code what} is {@code threads} (answered with
     * {@link ExecutorThreads}), or {@code stdout} or {@code stderr} (answered with {@link ExecutorLog}, at most
     * {@code maxBytes} from the end).
     */
    public record InspectExecutor(String what, int maxBytes) {}

    public record ExecutorThreads(List<dev.ember.status.ExecutorInspector.ThreadStack> threads) {}

    public record ExecutorLog(String text, long totalBytes) {}

    /** The application is over: stop the executor process. */
    public record StopExecutor() implements ExecutorOrder {
        @Override
        public void deliver(ExecutorOrders executor, RpcAddress sender) {
            executor.stopExecutor(this, sender);
        }
    }

    /**
     * The executor's host is leaving the cluster: it gets no more tasks; it finishes those it runs, hands its map
     * outputs and cached partitions to other executors, and exits.
     */
    public record DecommissionExecutor(String reason) implements ExecutorOrder {
        @Override
        public void deliver(ExecutorOrders executor, RpcAddress sender) {
            executor.decommissionExecutor(this, sender);
        }
    }

    // ---- map outputs ----

    /** Asks for the map output locations of a shuffle; answered with {@link MapOutputStatuses}. */
    public record GetMapOutputStatuses(int shuffleId) {}

    /** {@code statuses} is null when the shuffle is not registered, and has null entries for missing outputs. */
    public record MapOutputStatuses(int shuffleId, MapStatus[] statuses, long epoch) {}

    /**
     * Asked by an executor being decommissioned: the map outputs the driver has registered at its block manager
     * {@code self} (which must be the asker's); answered with a list of {@code MapOutputTrackerMaster.MapOutputRef}.
     */
    public record GetMapOutputsAt(BlockManagerId self) {}

    /**
     * The files of a map output registered at {@code from} (the asker's block manager) now live at {@code to};
     * answered with whether the driver recorded the move.
     */
    public record MapOutputMoved(int shuffleId, long mapId, BlockManagerId from, BlockManagerId to) {}

    // ---- block manager registry ----

    /** Answered with {@code true} once registered. */
    public record RegisterBlockManager(
            BlockManagerId id, long maxOnHeapMemory, long maxOffHeapMemory, RpcEndpointRef endpoint) {}

    public record UpdateBlockInfo(
            BlockManagerId id, BlockId blockId, StorageLevel level, long memorySize, long diskSize) {}

    /** Answered with {@link BlockLocations}. */
    public record GetLocations(BlockId blockId) {}

    /** The other executors' block managers, for replicas: answered with {@link BlockLocations}. */
    public record GetPeers(BlockManagerId self) {}

    /** The holders of a block. */
    public record BlockLocations(List<BlockManagerId> holders) {}

    // ---- to an executor's block manager (answered with the count removed, or a boolean for shuffles) ----

    public record RemoveBlock(BlockId blockId) {}

    public record RemoveRdd(int rddId) {}

    public record RemoveBroadcast(long broadcastId, boolean tellMaster) {}

    public record RemoveShuffle(int shuffleId) {}

    // ---- output commits ----

    /** Answered with whether this attempt may commit its output for the partition. */
    public record AskPermissionToCommit(int stageId, int stageAttempt, int partitionId, int attemptNumber) {}
}
