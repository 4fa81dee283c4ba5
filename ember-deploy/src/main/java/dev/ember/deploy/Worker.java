package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.deploy.DeployMessages.ExecutorState;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.util.ThreadUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone worker: registers with the master, sends heartbeats, and runs the executor processes the master
 * asks for, reporting each one's end. When it loses the master it keeps its executors and registers again, with
 * them, as soon as the master (or its restarted successor) answers ({@link WorkerRegistration}). Stopping the worker
 * stops its executors.
 *
 * <p>All state belongs to the endpoint thread, except that {@link #close} kills the executors from the closing
 * thread.
 */
public final class Worker implements RpcEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", java.util.Locale.ROOT);

    private record ExecutorExited(String appId, int executorId, int exitCode) {}

    /** {@code pid} tells which launch exited, should a driver id be launched again here. */
    private record DriverExited(String driverId, long pid, int exitCode) {}

    private final EmberConf conf;
    private final RpcEnv rpcEnv;
    private final String workerId;
    private final RpcAddress masterAddress;
    private final int cores;
    private final int memoryMb;
    private final Path workDir;
    private final long killGrace;
    private final long decommissionTimeout;
    private final List<String> classPath;
    private final List<String> localRoots;
    /** Environment variables carrying this worker's secrets to its executors. */
    private final Map<String, String> secretEnvironment;
    /** This worker's TLS settings without passwords, which executors use: they run on this worker's machine. */
    private final Map<String, String> sslSettings;

    private final ScheduledExecutorService timer;
    private final Map<String, ExecutorRunner> executors = new ConcurrentHashMap<>();
    private final Orders orders = new Orders();
    private final Map<String, DriverRunner> drivers = new ConcurrentHashMap<>();
    private final RpcEndpointRef self;
    private final WorkerRegistration registration;
    private boolean decommissioning;
    /** The decommission deadline passed and what still ran was stopped. */
    private boolean decommissionForced;

    private boolean leaving;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> terminated =
            new java.util.concurrent.CompletableFuture<>();

    private Worker(EmberConf conf, RpcEnv rpcEnv, RpcAddress masterAddress, int cores, int memoryMb, Path workDir) {
        this.conf = conf;
        this.rpcEnv = rpcEnv;
        this.masterAddress = masterAddress;
        this.cores = cores;
        this.memoryMb = memoryMb;
        this.workDir = workDir;
        this.workerId = "worker-" + LocalDateTime.now(java.time.ZoneOffset.UTC).format(ID_TIME) + "-"
                + rpcEnv.address().host() + "-" + rpcEnv.address().port();
        this.killGrace = conf.get(DeployConfig.EXECUTOR_KILL_GRACE);
        this.decommissionTimeout = conf.get(DeployConfig.WORKER_DECOMMISSION_TIMEOUT);
        this.localRoots = conf.get(dev.ember.config.CoreConfig.LOCAL_DIRS);
        // Absolute: executors and drivers run in their own work directories.
        this.classPath = ClassPathEntries.absolute(
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)),
                Path.of("").toAbsolutePath());
        this.secretEnvironment = ExecutorSecrets.environment(conf);
        this.sslSettings = ExecutorSecrets.sslSettings(conf);
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("worker-timer");
        // Both known before the endpoint starts (onStart may run before setupEndpoint returns); the master's
        // reference is replaced by the one it sends when it accepts the registration.
        this.self = rpcEnv.unverifiedRef(rpcEnv.address(), DeployMessages.WORKER);
        this.registration = new WorkerRegistration(
                rpcEnv,
                masterAddress,
                self,
                timer,
                workerId,
                Math.max(25, conf.get(DeployConfig.WORKER_TIMEOUT) / 4),
                this::registrationRequest);
    }

    /**
     * Starts a worker on {@code host:port} (0: any free port) offering {@code cores} and {@code memoryMb} to the
     * master at {@code master}. Registration happens in the background and is retried until the master answers.
     */
    public static Worker start(
            EmberConf conf, String host, int port, RpcAddress master, int cores, int memoryMb, Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_ARGUMENT, "Cannot create the work directory " + workDir + ": " + e, e);
        }
        RpcEnv rpcEnv = RpcEnv.create(conf, host, host, port).register(DeployMessages.WIRE);
        try {
            Worker worker = new Worker(conf, rpcEnv, master, cores, memoryMb, workDir.toAbsolutePath());
            rpcEnv.setupEndpoint(DeployMessages.WORKER, worker);
            return worker;
        } catch (RuntimeException e) {
            rpcEnv.close();
            throw e;
        }
    }

    public String workerId() {
        return workerId;
    }

    public RpcAddress address() {
        return rpcEnv.address();
    }

    /** The executors this worker runs, as {@code appId/executorId}. */
    public List<String> executorKeys() {
        return List.copyOf(executors.keySet());
    }

    /** The process ids of the executors running now. */
    public List<Long> executorPids() {
        List<Long> pids = new ArrayList<>();
        for (ExecutorRunner runner : executors.values()) {
            if (runner.isAlive()) {
                pids.add(runner.pid());
            }
        }
        return pids;
    }

    /**
     * Decommissions this worker, from any thread: the master places nothing new here and tells the applications;
     * executors hand their blocks over and exit; drivers may finish; then the worker closes itself
     * ({@link #terminated}). After {@code ember.worker.decommission.timeout}, whatever still runs is stopped.
     */
    public void decommission() {
        self.send(new EndpointTask("decommission", this::decommissionSelf));
    }

    /** Completes when the worker has closed: it was decommissioned and left, or {@link #close} was called. */
    public java.util.concurrent.CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public void onStart() {
        LOG.info(
                "Worker {} started at {} with {} core(s), {} MB, work directory {}",
                workerId,
                rpcEnv.address(),
                cores,
                memoryMb,
                workDir);
        registration.start();
    }

    @Override
    public void receive(Object message, RpcAddress sender) {
        if (message instanceof DeployMessages.WorkerOrder order) {
            if (!sender.equals(masterAddress)) {
                // Executors and drivers know the cluster's secret too: only the master starts and stops processes.
                LOG.warn(
                        "Ignored a {} from {}, which is not the master",
                        message.getClass().getSimpleName(),
                        sender);
                return;
            }
            order.deliver(orders);
        } else if (message instanceof EndpointTask task) {
            task.action().run();
        } else {
            RpcEndpoint.super.receive(message, sender);
        }
    }

    private void decommissionSelf() {
        if (registration.isRegistered() && !decommissioning) {
            reportToMaster(new DeployMessages.WorkerDecommissioning(workerId));
        }
        startDecommission("it was told to stop");
    }

    /** Kills the executor or driver {@code key} at once if it is still running (it ignored the polite kill). */
    private EndpointTask killForcibly(String key) {
        return new EndpointTask("kill " + key, () -> {
            ChildProcess runner =
                    key.startsWith("driver/") ? drivers.get(key.substring("driver/".length())) : executors.get(key);
            if (runner != null && runner.isAlive()) {
                LOG.warn("Executor {} did not exit within {} ms; killing it", key, killGrace);
                runner.killForcibly();
            }
        });
    }

    /** The master's orders; on the endpoint thread, once the sender was checked to be the master. */
    private final class Orders implements DeployMessages.WorkerOrders {
        @Override
        public void launchExecutor(DeployMessages.LaunchExecutor launch) {
            launch(launch);
        }

        @Override
        public void killExecutor(DeployMessages.KillExecutor kill) {
            kill(kill.appId() + "/" + kill.executorId());
        }

        @Override
        public void applicationFinished(DeployMessages.ApplicationFinished finished) {
            for (ExecutorRunner runner : List.copyOf(executors.values())) {
                if (runner.appId().equals(finished.appId())) {
                    kill(runner.appId() + "/" + runner.executorId());
                }
            }
        }

        @Override
        public void launchDriver(DeployMessages.LaunchDriver launch) {
            Worker.this.launchDriver(launch);
        }

        @Override
        public void killDriver(DeployMessages.KillDriver kill) {
            DriverRunner runner = drivers.get(kill.driverId());
            if (runner != null && runner.isAlive()) {
                runner.kill();
                timer.schedule(
                        () -> self.send(killForcibly("driver/" + kill.driverId())), killGrace, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void decommissionWorker(DeployMessages.DecommissionWorker order) {
            startDecommission("the master asked");
        }

        @Override
        public void reconnectWorker(DeployMessages.ReconnectWorker reconnect) {
            registration.reconnect(reconnect);
        }
    }

    @Override
    public void onDisconnected(RpcAddress remote) {
        registration.disconnected(remote);
    }

    /** Ids name directories: letters, digits and dashes only. */
    private static boolean isSafeId(String id) {
        return id != null
                && !id.isEmpty()
                && id.length() <= 128
                && id.chars()
                        .allMatch(c ->
                                c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    }

    /** What this worker registers with: itself, with the executors and drivers it runs now. */
    private DeployMessages.RegisterWorker registrationRequest() {
        List<DeployMessages.ExecutorRef> running = new ArrayList<>();
        for (ExecutorRunner runner : executors.values()) {
            running.add(runner.ref());
        }
        return new DeployMessages.RegisterWorker(
                workerId,
                rpcEnv.address().host(),
                rpcEnv.address().port(),
                self,
                cores,
                memoryMb,
                workDir.toString(),
                running,
                List.copyOf(drivers.keySet()),
                decommissioning);
    }

    /** Where to report: the master's current reference. */
    private RpcEndpointRef master() {
        return registration.master();
    }

    private ChildProcess.Origin origin() {
        return new ChildProcess.Origin(
                workDir,
                rpcEnv.address().host(),
                rpcEnv.address().hostPort(),
                classPath,
                secretEnvironment,
                sslSettings);
    }

    private void launch(DeployMessages.LaunchExecutor launch) {
        if (!isSafeId(launch.appId()) || launch.description() == null) {
            LOG.warn("Ignored an executor launch with an invalid application id or no description");
            return;
        }
        String key = launch.appId() + "/" + launch.executorId();
        if (decommissioning) {
            // Not a failure of the application: the master places the executor elsewhere.
            reportToMaster(new DeployMessages.ExecutorStateChanged(
                    launch.appId(), launch.executorId(), ExecutorState.EXITED, "the worker is decommissioning", 0));
            return;
        }
        try {
            ExecutorRunner runner = ExecutorRunner.start(
                    origin(),
                    localRoots,
                    launch,
                    (pid, code) -> self.send(new EndpointTask(
                            "executor exit",
                            () -> executorExited(new ExecutorExited(launch.appId(), launch.executorId(), code)))));
            executors.put(key, runner);
            LOG.info("Started executor {} (pid {}) in {}", key, runner.pid(), runner.directory());
            reportToMaster(new DeployMessages.ExecutorStateChanged(
                    launch.appId(), launch.executorId(), ExecutorState.RUNNING, null, null));
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not start executor {}: {}", key, e.toString());
            reportToMaster(new DeployMessages.ExecutorStateChanged(
                    launch.appId(), launch.executorId(), ExecutorState.FAILED, "could not start: " + e, null));
        }
    }

    private void launchDriver(DeployMessages.LaunchDriver launch) {
        if (!isSafeId(launch.driverId()) || launch.description() == null) {
            LOG.warn("Ignored a driver launch with an invalid id or no description");
            return;
        }
        if (decommissioning) {
            // Back to the master, which places the driver elsewhere as if it had never been launched.
            reportToMaster(new DeployMessages.DriverStateChanged(
                    launch.driverId(), DeployMessages.DriverState.SUBMITTED, null, "the worker is decommissioning"));
            return;
        }
        DriverRunner running = drivers.get(launch.driverId());
        if (running != null && running.isAlive()) {
            // The previous launch is still being killed: one copy at a time.
            reportToMaster(new DeployMessages.DriverStateChanged(
                    launch.driverId(),
                    DeployMessages.DriverState.ERROR,
                    null,
                    "a previous launch is still running on this worker"));
            return;
        }
        try {
            DriverRunner runner = DriverRunner.start(
                    origin(),
                    launch,
                    (pid, code) -> self.send(new EndpointTask(
                            "driver exit", () -> driverExited(new DriverExited(launch.driverId(), pid, code)))));
            drivers.put(launch.driverId(), runner);
            LOG.info("Started driver {} (pid {}) in {}", launch.driverId(), runner.pid(), runner.directory());
            reportToMaster(new DeployMessages.DriverStateChanged(
                    launch.driverId(), DeployMessages.DriverState.RUNNING, null, null));
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not start driver {}: {}", launch.driverId(), e.toString());
            reportToMaster(new DeployMessages.DriverStateChanged(
                    launch.driverId(), DeployMessages.DriverState.ERROR, null, "could not start: " + e));
        }
    }

    private void driverExited(DriverExited exited) {
        DriverRunner runner = drivers.get(exited.driverId());
        if (runner == null || runner.pid() != exited.pid()) {
            return;
        }
        drivers.remove(exited.driverId());
        DeployMessages.DriverState state = runner.wasKilled() && decommissionForced
                ? DeployMessages.DriverState.FAILED // not the user's doing: a supervised driver runs again elsewhere
                : runner.wasKilled()
                        ? DeployMessages.DriverState.KILLED
                        : exited.exitCode() == 0
                                ? DeployMessages.DriverState.FINISHED
                                : DeployMessages.DriverState.FAILED;
        LOG.info("Driver {} exited with code {} ({})", exited.driverId(), exited.exitCode(), state);
        reportToMaster(new DeployMessages.DriverStateChanged(
                exited.driverId(),
                state,
                exited.exitCode(),
                "exit code " + exited.exitCode() + "; output in " + runner.directory()));
        maybeLeave();
    }

    private void kill(String key) {
        ExecutorRunner runner = executors.get(key);
        if (runner != null && runner.isAlive()) {
            runner.kill();
            timer.schedule(() -> self.send(killForcibly(key)), killGrace, TimeUnit.MILLISECONDS);
        }
    }

    private void executorExited(ExecutorExited exited) {
        String key = exited.appId() + "/" + exited.executorId();
        ExecutorRunner runner = executors.remove(key);
        if (runner == null) {
            return;
        }
        // Its shuffle files and fetched jars are of no use once it is gone; its output stays for whoever looks.
        runner.deleteLocalDirs();
        ExecutorState state = runner.wasKilled()
                ? ExecutorState.KILLED
                : exited.exitCode() == 0 ? ExecutorState.EXITED : ExecutorState.FAILED;
        LOG.info("Executor {} exited with code {} ({})", key, exited.exitCode(), state);
        reportToMaster(new DeployMessages.ExecutorStateChanged(
                exited.appId(),
                exited.executorId(),
                state,
                "exit code " + exited.exitCode() + "; output in " + runner.directory(),
                exited.exitCode()));
        maybeLeave();
    }

    private void startDecommission(String why) {
        if (decommissioning) {
            return;
        }
        decommissioning = true;
        LOG.info(
                "Decommissioning worker {} ({}): waiting for {} executor(s) to hand over their blocks and {} driver(s)"
                        + " to finish, at most {} ms",
                workerId,
                why,
                executors.size(),
                drivers.size(),
                decommissionTimeout);
        timer.schedule(
                () -> self.send(new EndpointTask("decommission deadline", this::forceLeave)),
                decommissionTimeout,
                TimeUnit.MILLISECONDS);
        maybeLeave();
    }

    private void forceLeave() {
        if (leaving || (executors.isEmpty() && drivers.isEmpty())) {
            return;
        }
        LOG.warn(
                "Worker {} still runs {} executor(s) and {} driver(s) after {} ms (ember.worker.decommission.timeout);"
                        + " stopping them",
                workerId,
                executors.size(),
                drivers.size(),
                decommissionTimeout);
        decommissionForced = true;
        for (String key : List.copyOf(executors.keySet())) {
            kill(key);
        }
        for (DriverRunner runner : List.copyOf(drivers.values())) {
            if (runner.isAlive()) {
                runner.kill();
                String key = "driver/" + runner.driverId();
                timer.schedule(() -> self.send(killForcibly(key)), killGrace, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Once decommissioning and nothing runs here any more, closes the worker (off the endpoint thread). */
    private void maybeLeave() {
        if (!decommissioning || leaving || !executors.isEmpty() || !drivers.isEmpty()) {
            return;
        }
        leaving = true;
        LOG.info("Worker {} is decommissioned: nothing runs here any more; leaving the cluster", workerId);
        RpcEndpointRef masterRef = registration.isRegistered() ? master() : null;
        ThreadUtils.newThread("worker-leave", true, () -> {
                    if (masterRef != null) {
                        try {
                            // So that the master records a departure, not the loss of a worker.
                            masterRef.<Boolean>askSync(
                                    new DeployMessages.WorkerLeaving(workerId), Duration.ofSeconds(10));
                        } catch (RuntimeException e) {
                            LOG.warn("Could not tell the master that worker {} leaves: {}", workerId, e.getMessage());
                        }
                    }
                    close();
                })
                .start();
    }

    /** Stops every driver and executor (forcibly after the grace period) and the worker's RPC environment. */
    /**
     * Tells the master of a change here, unless this worker is being closed: then the master learns of its end from
     * the closed connection, and the RPC environment may already be stopped.
     */
    private void reportToMaster(Object message) {
        if (closed.get()) {
            LOG.debug("Not reporting {} to the master: the worker is closing", message);
            return;
        }
        master().send(message);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            // Being closed by another thread: wait (bounded) for it to finish.
            try {
                terminated.get(2 * killGrace + 10_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Worker {} did not finish closing: {}", workerId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stop();
        } finally {
            terminated.complete(null);
        }
    }

    private void stop() {
        for (DriverRunner runner : List.copyOf(drivers.values())) {
            runner.kill();
        }
        for (ExecutorRunner runner : List.copyOf(executors.values())) {
            runner.kill();
        }
        long deadline = System.currentTimeMillis() + killGrace;
        for (ExecutorRunner runner : List.copyOf(executors.values())) {
            if (!runner.awaitExit(Math.max(0, deadline - System.currentTimeMillis()))) {
                runner.killForcibly();
                runner.awaitExit(killGrace);
            }
            // Its shuffle files and fetched jars are of no use once it is gone; its output stays for whoever looks.
            runner.deleteLocalDirs();
        }
        for (DriverRunner runner : List.copyOf(drivers.values())) {
            if (!runner.awaitExit(Math.max(0, deadline - System.currentTimeMillis()))) {
                runner.killForcibly();
                runner.awaitExit(killGrace);
            }
        }
        ThreadUtils.shutdownAndAwait(timer, Duration.ofSeconds(5));
        rpcEnv.close();
    }
}
