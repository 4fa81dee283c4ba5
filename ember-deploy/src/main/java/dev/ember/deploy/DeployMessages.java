package dev.ember.deploy;

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
            boolean decommissioning) {}

    public record Heartbeat(String workerId) {}

    /** An executor changed state; {@code exitCode} is null until it exited. */
    public record ExecutorStateChanged(
            String appId, int executorId, ExecutorState state, String message, Integer exitCode) {}

    /** One executor of an application. */
    public record ExecutorRef(String appId, int executorId, int cores, int memoryMb) {}

    /** The worker decommissions itself (it was told to stop): no new executors or drivers for it. */
    public record WorkerDecommissioning(String workerId) {}

    /**
     * A decommissioned worker is leaving now that nothing runs on it; answered with {@code true}. Only after this
     * is its closed connection a departure rather than a loss.
     */
    public record WorkerLeaving(String workerId) {}

    /** A driver this worker runs changed state; {@code exitCode} is null until it exited. */
    public record DriverStateChanged(String driverId, DriverState state, Integer exitCode, String message) {}

    // ---- master → worker ----

    public record LaunchDriver(String driverId, DriverDescription description) {}

    public record KillDriver(String driverId) {}

    public record RegisteredWorker(RpcEndpointRef master) {}

    public record LaunchExecutor(
            String appId, int executorId, ApplicationDescription description, int cores, int memoryMb) {}

    public record KillExecutor(String appId, int executorId) {}

    /**
     * Leave the cluster: the worker's executors hand their blocks over and exit (their applications are told), its
     * drivers may finish, and then it exits.
     */
    public record DecommissionWorker() {}

    /** The application ended; its remaining executors are killed. */
    public record ApplicationFinished(String appId) {}

    /** The master does not know this worker (it restarted, or marked the worker dead): register again. */
    public record ReconnectWorker(RpcEndpointRef master) {}

    /** A restarted master took over the application: answer with {@link ApplicationReconnected}. */
    public record MasterChanged(RpcEndpointRef master) {}

    // ---- submitting client → master ----

    /**
     * Answered with {@link SubmittedDriver}, or a failure saying why the driver was refused. With {@code client}, the
     * master tells it {@link DriverEnded} when the driver ends for good.
     */
    public record RequestSubmitDriver(DriverDescription description, RpcEndpointRef client) {}

    public record SubmittedDriver(String driverId) {}

    /**
     * Decommission the workers matching any of {@code workers}: a worker id, {@code host:port}, or a host (every
     * worker on it). Answered with the ids of the workers now decommissioning, or a failure when none matches.
     */
    public record DecommissionWorkers(List<String> workers) {}

    /** Answered with whether there was such a driver to kill. */
    public record RequestKillDriver(String driverId) {}

    /** Sent to the submitting client when its driver ended for good (after any relaunches). */
    public record DriverEnded(String driverId, DriverState state, Integer exitCode, String message) {}

    // ---- application → master ----

    /** Answered with {@link RegisteredApplication}. */
    public record RegisterApplication(ApplicationDescription description, RpcEndpointRef client) {}

    public record UnregisterApplication(String appId) {}

    /** An executor of the application registered with its driver: executors of this application can run. */
    public record ExecutorRegistered(String appId, int executorId) {}

    /** The application's answer to {@link MasterChanged}. */
    public record ApplicationReconnected(String appId, RpcEndpointRef client) {}

    // ---- master → application ----

    public record RegisteredApplication(String appId, RpcEndpointRef master) {}

    public record ExecutorAdded(int executorId, String workerId, String hostPort, int cores, int memoryMb) {}

    /** An executor's state changed; {@code workerLost} when its whole worker is gone. */
    public record ExecutorUpdated(
            int executorId, ExecutorState state, String message, Integer exitCode, boolean workerLost) {}

    /**
     * Workers running these executors of the application are being decommissioned: the executors should hand their
     * blocks over (not to one another) and exit.
     */
    public record ExecutorsDecommissioning(List<Integer> executorIds, String reason) {}

    /** The master gave up on the application (too many executor failures, or it was killed). */
    public record ApplicationRemoved(String message) {}

    // ---- status, for tools and tests ----

    /** Answered with {@link MasterState}. */
    public record RequestMasterState() {}

    public record WorkerSummary(
            String workerId, String hostPort, String state, int cores, int coresUsed, int memoryMb, int memoryUsedMb) {}

    public record AppSummary(String appId, String name, String state, int coresGranted, List<Integer> executors) {}

    public record DriverSummary(
            String driverId, String mainClass, String state, String workerId, boolean supervise, int launches) {}

    /** {@code drivers} holds the active drivers and the most recent finished ones. */
    public record MasterState(
            String url, List<WorkerSummary> workers, List<AppSummary> apps, List<DriverSummary> drivers) {}
}
