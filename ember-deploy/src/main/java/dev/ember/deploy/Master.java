package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.MasterRecords.DriverInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone cluster's master: workers register and send heartbeats; applications register and get executors
 * on workers by cores and memory, spread over as many workers as possible or packed onto few
 * ({@code ember.deploy.spreadOut}). An executor that exits is replaced; a worker that misses heartbeats for
 * {@code ember.worker.timeout}, or whose connection closes, is marked dead and its executors are reported lost to
 * their applications, which keep running on the others. With {@code ember.deploy.recoveryMode=FILESYSTEM} the
 * master writes its workers and applications to a directory, and a restarted master takes them back.
 *
 * <p>The master is the endpoint that receives the messages; it hands each to the part of its state it concerns:
 *
 * <pre>
 *   MasterWorkers          workers: registration, heartbeats, loss
 *   MasterApplications     applications and their executors
 *   MasterDrivers          drivers of cluster deploy mode
 *   MasterDecommissioning  workers leaving without loss
 *   MasterScheduler        placing drivers and executors on workers (through ExecutorPlacement)
 *   MasterRecovery         taking the state back after a restart (from MasterPersistence)
 * </pre>
 *
 * <p>All state belongs to the endpoint thread: those parts are called only from it, and timers post
 * {@link EndpointTask}s to it.
 */
public final class Master implements RpcEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);

    private final RpcEnv rpcEnv;
    private final MasterPersistence persistence;
    private final long workerTimeout;
    private final ScheduledExecutorService timer;
    private final RpcEndpointRef self;
    private final MasterDrivers drivers;
    private final MasterWorkers workers;
    private final MasterApplications applications;
    private final MasterDecommissioning decommissioning;
    private final MasterRecovery recovery;
    private final MasterScheduler scheduler;
    private final Events events = new Events();
    private final Requests requests = new Requests();

    private volatile MasterWebUI webUi;
    private final Object changes = new Object();
    private long changeCount;

    private Master(EmberConf conf, RpcEnv rpcEnv) {
        this.rpcEnv = rpcEnv;
        this.workerTimeout = conf.get(DeployConfig.WORKER_TIMEOUT);
        this.persistence = conf.get(DeployConfig.RECOVERY_MODE) == DeployConfig.RecoveryMode.FILESYSTEM
                ? MasterPersistence.open(conf.get(DeployConfig.RECOVERY_DIRECTORY))
                : null;
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("master-timer");
        // Known before the endpoint starts: onStart may run before setupEndpoint returns.
        this.self = rpcEnv.unverifiedRef(rpcEnv.address(), DeployMessages.MASTER);
        // Each part asks for scheduling through this::schedule, as the scheduler needs them all.
        this.drivers = new MasterDrivers(persistence, timer, self, this::schedule);
        this.workers = new MasterWorkers(rpcEnv, self, persistence, drivers, workerTimeout, this::schedule);
        this.applications = new MasterApplications(
                self,
                persistence,
                workers,
                conf.get(DeployConfig.MAX_EXECUTOR_RETRIES),
                conf.get(DeployConfig.RETAINED_APPLICATIONS),
                this::schedule);
        this.decommissioning = new MasterDecommissioning(workers);
        this.recovery = new MasterRecovery(
                rpcEnv, self, persistence, timer, workers, applications, drivers, workerTimeout, this::schedule);
        this.scheduler =
                new MasterScheduler(workers, applications, drivers, recovery, conf.get(DeployConfig.SPREAD_OUT));
    }

    /**
     * Starts a master listening on {@code host:port} (0: any free port), with its web page on
     * {@code ember.master.ui.port} unless that is -1.
     */
    public static Master start(EmberConf conf, String host, int port) {
        RpcEnv rpcEnv = RpcEnv.create(conf, host, host, port).register(DeployMessages.WIRE);
        Master master = null;
        try {
            master = new Master(conf, rpcEnv);
            rpcEnv.setupEndpoint(DeployMessages.MASTER, master);
            int uiPort = conf.get(DeployConfig.MASTER_UI_PORT);
            if (uiPort >= 0) {
                Master self = master;
                master.webUi = MasterWebUI.start(conf, host, uiPort, () -> self.state(Duration.ofSeconds(10)));
            }
            return master;
        } catch (RuntimeException e) {
            rpcEnv.close();
            throw e;
        }
    }

    /** Where the master's web page is, unless it has none. */
    public java.util.Optional<String> webUiUrl() {
        return java.util.Optional.ofNullable(webUi).map(MasterWebUI::url);
    }

    /** The URL applications and workers use: {@code ember://host:port}. */
    public String url() {
        return "ember://" + rpcEnv.address().hostPort();
    }

    public RpcAddress address() {
        return rpcEnv.address();
    }

    /** The master's view of the cluster, asked on its thread. */
    public DeployMessages.MasterState state(Duration timeout) {
        return self.askSync(new DeployMessages.RequestMasterState(), timeout);
    }

    /**
     * Decommissions the workers named by id, {@code host:port} or host, as {@code bin/ember worker --decommission}
     * does; returns their ids, or fails when none matches.
     */
    public List<String> decommission(List<String> workers, Duration timeout) {
        return self.askSync(new DeployMessages.DecommissionWorkers(List.copyOf(workers)), timeout);
    }

    /**
     * Waits until the master's view satisfies {@code condition}, looking again after each message the master
     * handles; fails with {@link ErrorClass#TIMEOUT} after {@code timeout}. For tools and tests.
     */
    public DeployMessages.MasterState awaitState(
            java.util.function.Predicate<DeployMessages.MasterState> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (changes) {
                seen = changeCount;
            }
            DeployMessages.MasterState state = state(timeout);
            if (condition.test(state)) {
                return state;
            }
            synchronized (changes) {
                if (!ThreadUtils.waitUntil(changes, () -> changeCount != seen, deadline, 0)) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new EmberException(ErrorClass.INTERNAL_ERROR, "Interrupted waiting for the master");
                    }
                    throw new EmberException(
                            ErrorClass.TIMEOUT,
                            "The master did not reach the awaited state within " + timeout + "; it is " + state);
                }
            }
        }
    }

    private void changed() {
        synchronized (changes) {
            changeCount++;
            changes.notifyAll();
        }
    }

    @Override
    public void onStart() {
        timer.scheduleWithFixedDelay(
                () -> self.send(new EndpointTask("check workers", workers::check)),
                workerTimeout / 4,
                workerTimeout / 4,
                TimeUnit.MILLISECONDS);
        if (persistence != null) {
            recovery.recover();
        }
        LOG.info("Master started at {}{}", url(), persistence == null ? "" : " (recovery: " + persistence + ")");
    }

    @Override
    public void receive(Object message, RpcAddress sender) {
        try {
            if (message instanceof DeployMessages.MasterEvent event) {
                event.deliver(events, sender);
            } else if (message instanceof EndpointTask task) {
                task.action().run();
            } else {
                RpcEndpoint.super.receive(message, sender);
            }
        } finally {
            changed();
        }
    }

    @Override
    public void receiveAndReply(Object message, RpcCallContext context) {
        try {
            if (message instanceof DeployMessages.MasterRequest request) {
                request.deliver(requests, context);
            } else {
                RpcEndpoint.super.receiveAndReply(message, context);
            }
        } finally {
            if (!(message instanceof DeployMessages.RequestMasterState)) {
                changed();
            }
        }
    }

    /** The one-way messages of workers, drivers and submitting clients; on the endpoint thread. */
    private final class Events implements DeployMessages.MasterEvents {
        @Override
        public void heartbeat(DeployMessages.Heartbeat heartbeat, RpcAddress sender) {
            workers.heartbeat(heartbeat, sender);
        }

        @Override
        public void executorStateChanged(DeployMessages.ExecutorStateChanged changed, RpcAddress sender) {
            applications.executorStateChanged(changed, sender);
        }

        @Override
        public void executorRegistered(DeployMessages.ExecutorRegistered registered, RpcAddress sender) {
            applications.executorRegistered(registered, sender);
        }

        @Override
        public void applicationUiUrl(DeployMessages.ApplicationUiUrl ui, RpcAddress sender) {
            applications.uiUrl(ui, sender);
        }

        @Override
        public void applicationReconnected(DeployMessages.ApplicationReconnected reconnected, RpcAddress sender) {
            if (applications.reconnected(reconnected)) {
                recovery.maybeComplete();
            }
        }

        @Override
        public void workerDecommissioning(DeployMessages.WorkerDecommissioning leaving, RpcAddress sender) {
            decommissioning.workerDecommissioning(leaving, sender);
        }

        @Override
        public void driverStateChanged(DeployMessages.DriverStateChanged changed, RpcAddress sender) {
            drivers.stateChanged(changed, sender);
        }
    }

    /** The requests of workers, drivers, clients and tools; on the endpoint thread, each answered once. */
    private final class Requests implements DeployMessages.MasterRequests {
        @Override
        public void registerWorker(DeployMessages.RegisterWorker register, RpcCallContext context) {
            Master.this.registerWorker(register, context);
        }

        @Override
        public void registerApplication(DeployMessages.RegisterApplication register, RpcCallContext context) {
            applications.register(register, context);
        }

        @Override
        public void requestSubmitDriver(DeployMessages.RequestSubmitDriver submit, RpcCallContext context) {
            drivers.submit(submit, context);
        }

        @Override
        public void workerLeaving(DeployMessages.WorkerLeaving leaving, RpcCallContext context) {
            decommissioning.workerLeaving(leaving, context);
        }

        @Override
        public void decommissionWorkers(DeployMessages.DecommissionWorkers request, RpcCallContext context) {
            decommissioning.decommissionWorkers(request, context);
        }

        @Override
        public void requestKillDriver(DeployMessages.RequestKillDriver kill, RpcCallContext context) {
            context.reply(drivers.kill(kill.driverId()));
        }

        @Override
        public void unregisterApplication(DeployMessages.UnregisterApplication unregister, RpcCallContext context) {
            applications.unregister(unregister, context);
        }

        @Override
        public void requestMasterState(DeployMessages.RequestMasterState request, RpcCallContext context) {
            context.reply(snapshot());
        }
    }

    @Override
    public void onDisconnected(RpcAddress remote) {
        try {
            workers.disconnected(remote);
            applications.disconnected(remote);
        } finally {
            changed();
        }
    }

    @Override
    public void onStop() {
        ThreadUtils.shutdownAndAwait(timer, Duration.ofSeconds(5));
    }

    /**
     * A worker registers, for the first time or again (after its own restart, the master's, or a lost connection).
     * Each part of the master takes its share, in this order: the worker's record; the executors and drivers it
     * still runs (taken back, or killed); the drivers it no longer runs; its decommissioning, should it be leaving;
     * the answer; recovery, which may now be complete; scheduling.
     */
    private void registerWorker(DeployMessages.RegisterWorker register, RpcCallContext context) {
        MasterWorkers.Registration registration = workers.admit(register, context);
        if (registration == null) {
            return;
        }
        WorkerInfo worker = registration.worker();
        applications.adoptExecutors(worker, register.executors(), registration.adopt());
        drivers.adopt(worker, register.drivers(), registration.adopt());
        for (DriverInfo driver : registration.previousDrivers()) {
            if (driver.worker == null && drivers.contains(driver.id)) {
                // It was running there, and the worker no longer has it: it ended while nobody was listening.
                drivers.lost(driver, "its worker " + worker.id + " registered again without it");
            }
        }
        if (register.decommissioning()) {
            // Registering again while leaving (after a master restart or a lost connection): it stays leaving.
            decommissioning.start(worker, "worker " + worker.id + " is leaving");
        }
        workers.accept(worker, register, context);
        recovery.maybeComplete();
        schedule();
    }

    /** Places waiting drivers and executors; the parts ask for it through {@code this::schedule}. */
    private void schedule() {
        scheduler.schedule();
    }

    private DeployMessages.MasterState snapshot() {
        return MasterRecords.snapshot(
                url(), workers.all(), applications.all(), applications.completed(), drivers.all());
    }

    /**
     * Says that the whole cluster is about to be stopped on purpose (a {@code local-cluster} closing), so that its
     * workers' connections closing are logged as the normal end they are, not as losses. Safe from any thread.
     */
    public void clusterStopping() {
        workers.clusterStopping();
    }

    @Override
    public void close() {
        if (webUi != null) {
            webUi.close();
        }
        rpcEnv.close();
    }
}
