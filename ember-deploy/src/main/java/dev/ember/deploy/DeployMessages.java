package dev.ember.deploy;

import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.wire.MessageSet;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The messages of the standalone cluster: between workers and the master, and between applications and the master. */
public final class DeployMessages {
    /** The master's endpoint. */
    public static final String MASTER = "Master";

    /** A worker's endpoint. */
    public static final String WORKER = "Worker";

    /** A submitting client's endpoint, told when its driver ends. */
    public static final String SUBMIT_CLIENT = "SubmitClient";

    /** An application's endpoint for news from the master. */
    public static final String APP_CLIENT = "AppClient";

    /**
     * Set 2 of the wire protocol: every record and enum here. Masters, workers, submitting clients and drivers of
     * standalone applications register it. The two descriptions are also Java-serialized, to the master's recovery
     * files on its own disk, never to the network.
     */
    public static final MessageSet WIRE =
            MessageSet.builder(2, "deploy").nestedTypes(DeployMessages.class).build();

    private DeployMessages() {}

    // ---- who handles what: each message names the handler method for its type, so that a message added to a
    // ---- group without a handler does not compile ----

    /** A one-way message to the master. */
    public sealed interface MasterEvent
            permits Heartbeat,
                    ExecutorStateChanged,
                    ExecutorRegistered,
                    ApplicationUiUrl,
                    ApplicationReconnected,
                    WorkerDecommissioning,
                    DriverStateChanged {
        /** Calls the method of {@code master} for this message's type. */
        void deliver(MasterEvents master, RpcAddress sender);
    }

    /** What the master does with each {@link MasterEvent}; {@code sender} is the sending environment. */
    public interface MasterEvents {
        void heartbeat(Heartbeat event, RpcAddress sender);

        void executorStateChanged(ExecutorStateChanged event, RpcAddress sender);

        void executorRegistered(ExecutorRegistered event, RpcAddress sender);

        void applicationUiUrl(ApplicationUiUrl event, RpcAddress sender);

        void applicationReconnected(ApplicationReconnected event, RpcAddress sender);

        void workerDecommissioning(WorkerDecommissioning event, RpcAddress sender);

        void driverStateChanged(DriverStateChanged event, RpcAddress sender);
    }

    /** A request the master answers. */
    public sealed interface MasterRequest
            permits RegisterWorker,
                    RegisterApplication,
                    RequestSubmitDriver,
                    WorkerLeaving,
                    DecommissionWorkers,
                    RequestKillDriver,
                    UnregisterApplication,
                    RequestMasterState {
        /** Calls the method of {@code master} for this message's type, which answers through {@code context}. */
        void deliver(MasterRequests master, RpcCallContext context);
    }

    /** How the master answers each {@link MasterRequest}: exactly once, through {@code context}. */
    public interface MasterRequests {
        void registerWorker(RegisterWorker request, RpcCallContext context);

        void registerApplication(RegisterApplication request, RpcCallContext context);

        void requestSubmitDriver(RequestSubmitDriver request, RpcCallContext context);

        void workerLeaving(WorkerLeaving request, RpcCallContext context);

        void decommissionWorkers(DecommissionWorkers request, RpcCallContext context);

        void requestKillDriver(RequestKillDriver request, RpcCallContext context);

        void unregisterApplication(UnregisterApplication request, RpcCallContext context);

        void requestMasterState(RequestMasterState request, RpcCallContext context);
    }

    /** An order from the master to a worker; a worker takes orders only from its master's address. */
    public sealed interface WorkerOrder
            permits LaunchExecutor,
                    KillExecutor,
                    ApplicationFinished,
                    LaunchDriver,
                    KillDriver,
                    DecommissionWorker,
                    ReconnectWorker {
        /** Calls the method of {@code worker} for this order's type. */
        void deliver(WorkerOrders worker);
    }

    /** What a worker does with each {@link WorkerOrder}. */
    public interface WorkerOrders {
        void launchExecutor(LaunchExecutor order);

        void killExecutor(KillExecutor order);

        void applicationFinished(ApplicationFinished order);

        void launchDriver(LaunchDriver order);

        void killDriver(KillDriver order);

        void decommissionWorker(DecommissionWorker order);

        void reconnectWorker(ReconnectWorker order);
    }

    /** News from the master to an application. */
    public sealed interface ApplicationEvent
            permits ExecutorAdded, ExecutorUpdated, ExecutorsDecommissioning, ApplicationRemoved, MasterChanged {
        /** Calls the method of {@code application} for this message's type. */
        void deliver(ApplicationEvents application, RpcAddress sender);
    }

    /** What an application does with each {@link ApplicationEvent}; {@code sender} is the sending environment. */
    public interface ApplicationEvents {
        void executorAdded(ExecutorAdded event, RpcAddress sender);

        void executorUpdated(ExecutorUpdated event, RpcAddress sender);

        void executorsDecommissioning(ExecutorsDecommissioning event, RpcAddress sender);

        void applicationRemoved(ApplicationRemoved event, RpcAddress sender);

        void masterChanged(MasterChanged event, RpcAddress sender);
    }

    /** The life of an executor process as the worker running it sees it. */
    public enum ExecutorState {
        LAUNCHING,
        RUNNING,
        KILLED,
        FAILED,
        LOST,
        EXITED;

        public boolean isFinished() {
            return this == KILLED || this == FAILED || this == LOST || this == EXITED;
        }
    }

    /**
     * What an application asks of the cluster.
     *
     * @param maxCores most cores over all workers; null: as many as there are
     * @param coresPerExecutor null: one executor per worker with all the cores it can get
     * @param driverUrl where executors find the driver, {@code host:port}
     * @param javaOptions extra JVM options of executors
     * @param classPath extra class path entries of executors
     * @param bootSettings settings executors need before they can reach the driver (network, TLS)
     */
    public record ApplicationDescription(
            String name,
            Integer maxCores,
            int memoryPerExecutorMb,
            Integer coresPerExecutor,
            String driverUrl,
            List<String> javaOptions,
            List<String> classPath,
            Map<String, String> bootSettings)
            implements Serializable {}

    /** The life of a driver run by a worker (cluster deploy mode). */
    public enum DriverState {
        SUBMITTED,
        RUNNING,
        FINISHED,
        FAILED,
        KILLED,
        ERROR,
        UNKNOWN;

        public boolean isFinished() {
            return this == FINISHED || this == FAILED || this == KILLED || this == ERROR;
        }
    }

    /**
     * An application whose driver a worker runs (cluster deploy mode).
     *
     * @param jar the application jar, a path every worker can read (a shared file system); null when the main class
     *     is on the workers' class path
     * @param settings the application's settings, without secrets (workers pass their own)
     * @param supervise whether the master starts the driver again when it fails or its worker is lost
     */
    public record DriverDescription(
            String jar,
            String mainClass,
            List<String> args,
            Map<String, String> settings,
            int cores,
            int memoryMb,
            boolean supervise)
            implements Serializable {}

    // ---- worker → master ----

    /**
     * Answered with {@link RegisteredWorker}, or a failure saying why the worker was refused. A worker registering
     * again (after losing its master) lists the executors it still runs, and says whether it is decommissioning.
     */
    public record RegisterWorker(
            String workerId,
            String host,
            int port,
            RpcEndpointRef worker,
            int cores,
            int memoryMb,
            String workDir,
            List<ExecutorRef> executors,
            List<String> drivers,
            boolean decommissioning)
            implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.registerWorker(this, context);
        }
    }

    public record Heartbeat(String workerId) implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.heartbeat(this, sender);
        }
    }

    /** An executor changed state; {@code exitCode} is null until it exited. */
    public record ExecutorStateChanged(
            String appId, int executorId, ExecutorState state, String message, Integer exitCode)
            implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.executorStateChanged(this, sender);
        }
    }

    /** One executor of an application. */
    public record ExecutorRef(String appId, int executorId, int cores, int memoryMb) {}

    /** The worker decommissions itself (it was told to stop): no new executors or drivers for it. */
    public record WorkerDecommissioning(String workerId) implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.workerDecommissioning(this, sender);
        }
    }

    /**
     * A decommissioned worker is leaving now that nothing runs on it; answered with {@code true}. Only after this
     * is its closed connection a departure rather than a loss.
     */
    public record WorkerLeaving(String workerId) implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.workerLeaving(this, context);
        }
    }

    /** A driver this worker runs changed state; {@code exitCode} is null until it exited. */
    public record DriverStateChanged(String driverId, DriverState state, Integer exitCode, String message)
            implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.driverStateChanged(this, sender);
        }
    }

    // ---- master → worker ----

    public record LaunchDriver(String driverId, DriverDescription description) implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.launchDriver(this);
        }
    }

    public record KillDriver(String driverId) implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.killDriver(this);
        }
    }

    public record RegisteredWorker(RpcEndpointRef master) {}

    public record LaunchExecutor(
            String appId, int executorId, ApplicationDescription description, int cores, int memoryMb)
            implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.launchExecutor(this);
        }
    }

    public record KillExecutor(String appId, int executorId) implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.killExecutor(this);
        }
    }

    /**
     * Leave the cluster: the worker's executors hand their blocks over and exit (their applications are told), its
     * drivers may finish, and then it exits.
     */
    public record DecommissionWorker() implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.decommissionWorker(this);
        }
    }

    /** The application ended; its remaining executors are killed. */
    public record ApplicationFinished(String appId) implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.applicationFinished(this);
        }
    }

    /** The master does not know this worker (it restarted, or marked the worker dead): register again. */
    public record ReconnectWorker(RpcEndpointRef master) implements WorkerOrder {
        @Override
        public void deliver(WorkerOrders worker) {
            worker.reconnectWorker(this);
        }
    }

    /** A restarted master took over the application: answer with {@link ApplicationReconnected}. */
    public record MasterChanged(RpcEndpointRef master) implements ApplicationEvent {
        @Override
        public void deliver(ApplicationEvents application, RpcAddress sender) {
            application.masterChanged(this, sender);
        }
    }

    // ---- submitting client → master ----

    /**
     * Answered with {@link SubmittedDriver}, or a failure saying why the driver was refused. With {@code client}, the
     * master tells it {@link DriverEnded} when the driver ends for good.
     */
    public record RequestSubmitDriver(DriverDescription description, RpcEndpointRef client) implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.requestSubmitDriver(this, context);
        }
    }

    public record SubmittedDriver(String driverId) {}

    /**
     * Decommission the workers matching any of {@code workers}: a worker id, {@code host:port}, or a host (every
     * worker on it). Answered with the ids of the workers now decommissioning, or a failure when none matches.
     */
    public record DecommissionWorkers(List<String> workers) implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.decommissionWorkers(this, context);
        }
    }

    /** Answered with whether there was such a driver to kill. */
    public record RequestKillDriver(String driverId) implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.requestKillDriver(this, context);
        }
    }

    /** Sent to the submitting client when its driver ended for good (after any relaunches). */
    public record DriverEnded(String driverId, DriverState state, Integer exitCode, String message) {}

    // ---- application → master ----

    /** Answered with {@link RegisteredApplication}, or {@link RefusedApplication}. */
    public record RegisterApplication(ApplicationDescription description, RpcEndpointRef client)
            implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.registerApplication(this, context);
        }
    }

    public record UnregisterApplication(String appId) implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.unregisterApplication(this, context);
        }
    }

    /** The application's UI is up at {@code url}: the master's page links it while the application runs. */
    public record ApplicationUiUrl(String appId, String url) implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.applicationUiUrl(this, sender);
        }
    }

    /** An executor of the application registered with its driver: executors of this application can run. */
    public record ExecutorRegistered(String appId, int executorId) implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.executorRegistered(this, sender);
        }
    }

    /** The application's answer to {@link MasterChanged}. */
    public record ApplicationReconnected(String appId, RpcEndpointRef client) implements MasterEvent {
        @Override
        public void deliver(MasterEvents master, RpcAddress sender) {
            master.applicationReconnected(this, sender);
        }
    }

    // ---- master → application ----

    public record RegisteredApplication(String appId, RpcEndpointRef master) {}

    /**
     * The answer to a {@link RegisterApplication} the master will not take because no registered worker could ever run
     * one of its executors; {@code reason} says what it asks for and what the largest worker has.
     */
    public record RefusedApplication(String reason) {}

    public record ExecutorAdded(int executorId, String workerId, String hostPort, int cores, int memoryMb)
            implements ApplicationEvent {
        @Override
        public void deliver(ApplicationEvents application, RpcAddress sender) {
            application.executorAdded(this, sender);
        }
    }

    /** An executor's state changed; {@code workerLost} when its whole worker is gone. */
    public record ExecutorUpdated(
            int executorId, ExecutorState state, String message, Integer exitCode, boolean workerLost)
            implements ApplicationEvent {
        @Override
        public void deliver(ApplicationEvents application, RpcAddress sender) {
            application.executorUpdated(this, sender);
        }
    }

    /**
     * Workers running these executors of the application are being decommissioned: the executors should hand their
     * blocks over (not to one another) and exit.
     */
    public record ExecutorsDecommissioning(List<Integer> executorIds, String reason) implements ApplicationEvent {
        @Override
        public void deliver(ApplicationEvents application, RpcAddress sender) {
            application.executorsDecommissioning(this, sender);
        }
    }

    /** The master gave up on the application (too many executor failures, or it was killed). */
    public record ApplicationRemoved(String message) implements ApplicationEvent {
        @Override
        public void deliver(ApplicationEvents application, RpcAddress sender) {
            application.applicationRemoved(this, sender);
        }
    }

    // ---- status, for tools and tests ----

    /** Answered with {@link MasterState}. */
    public record RequestMasterState() implements MasterRequest {
        @Override
        public void deliver(MasterRequests master, RpcCallContext context) {
            master.requestMasterState(this, context);
        }
    }

    public record WorkerSummary(
            String workerId, String hostPort, String state, int cores, int coresUsed, int memoryMb, int memoryUsedMb) {}

    /** @param uiUrl the application UI's address while it runs; null without one */
    public record AppSummary(
            String appId, String name, String state, int coresGranted, List<Integer> executors, String uiUrl) {}

    public record DriverSummary(
            String driverId, String mainClass, String state, String workerId, boolean supervise, int launches) {}

    /** {@code drivers} holds the active drivers and the most recent finished ones. */
    public record MasterState(
            String url, List<WorkerSummary> workers, List<AppSummary> apps, List<DriverSummary> drivers) {}
}
