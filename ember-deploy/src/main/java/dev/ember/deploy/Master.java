package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.deploy.DeployMessages.ExecutorRef;
import dev.ember.deploy.DeployMessages.ExecutorState;
import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.AppStatus;
import dev.ember.deploy.MasterRecords.DriverInfo;
import dev.ember.deploy.MasterRecords.ExecutorInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>All state belongs to the endpoint thread; timers post messages to it.
 */
public final class Master implements RpcEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final DateTimeFormatter APP_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", java.util.Locale.ROOT);

    private final EmberConf conf;
    private final RpcEnv rpcEnv;
    private final boolean spreadOut;
    private final int maxExecutorRetries;
    private final long workerTimeout;
    private final MasterPersistence persistence;
    private final ScheduledExecutorService timer;
    private final RpcEndpointRef self;
    private final MasterDrivers drivers;
    private final Events events = new Events();
    private final Requests requests = new Requests();

    private final Map<String, WorkerInfo> workers = new LinkedHashMap<>();
    private final Map<RpcAddress, String> workerByAddress = new HashMap<>();
    private final Map<String, AppInfo> apps = new LinkedHashMap<>();
    private final Map<RpcAddress, String> appByAddress = new HashMap<>();
    private int nextAppNumber;

    private volatile MasterWebUI webUi;
    private boolean recovering;
    private final Object changes = new Object();
    private long changeCount;

    private Master(EmberConf conf, RpcEnv rpcEnv) {
        this.conf = conf;
        this.rpcEnv = rpcEnv;
        this.spreadOut = conf.get(DeployConfig.SPREAD_OUT);
        this.maxExecutorRetries = conf.get(DeployConfig.MAX_EXECUTOR_RETRIES);
        this.workerTimeout = conf.get(DeployConfig.WORKER_TIMEOUT);
        this.persistence = conf.get(DeployConfig.RECOVERY_MODE) == DeployConfig.RecoveryMode.FILESYSTEM
                ? MasterPersistence.open(conf.get(DeployConfig.RECOVERY_DIRECTORY))
                : null;
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("master-timer");
        // Known before the endpoint starts: onStart may run before setupEndpoint returns.
        this.self = rpcEnv.unverifiedRef(rpcEnv.address(), DeployMessages.MASTER);
        this.drivers = new MasterDrivers(persistence, timer, self, this::schedule);
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
                () -> self.send(new EndpointTask("check workers", this::checkWorkers)),
                workerTimeout / 4,
                workerTimeout / 4,
                TimeUnit.MILLISECONDS);
        if (persistence != null) {
            recover();
        }
        LOG.info("Master started at {}{}", url(), persistence == null ? "" : " (recovery: " + persistence + ")");
    }

    // ---- messages ----

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
            WorkerInfo worker = workers.get(heartbeat.workerId());
            if (worker != null && worker.isActive()) {
                worker.lastHeartbeat = System.currentTimeMillis();
            } else {
                // A worker this master does not know (restarted without recovery, or marked dead): register again.
                LOG.info("Heartbeat from unknown or dead worker {}; asking it to register again", heartbeat.workerId());
                rpcEnv.unverifiedRef(sender, DeployMessages.WORKER).send(new DeployMessages.ReconnectWorker(self));
            }
        }

        @Override
        public void executorStateChanged(DeployMessages.ExecutorStateChanged changed, RpcAddress sender) {
            Master.this.executorStateChanged(changed, sender);
        }

        @Override
        public void executorRegistered(DeployMessages.ExecutorRegistered registered, RpcAddress sender) {
            AppInfo app = apps.get(registered.appId());
            ExecutorInfo executor = app == null ? null : app.executors.get(registered.executorId());
            if (executor != null && app.client.address().equals(sender)) {
                executor.registered = true;
                app.retryCount = 0;
            }
        }

        @Override
        public void applicationReconnected(DeployMessages.ApplicationReconnected reconnected, RpcAddress sender) {
            AppInfo app = apps.get(reconnected.appId());
            // Only an application the master is waiting for, and only from where it registered.
            if (app != null
                    && app.status == AppStatus.UNKNOWN
                    && reconnected.client() != null
                    && reconnected.client().address().equals(app.client.address())) {
                app.client = reconnected.client();
                appByAddress.put(reconnected.client().address(), app.id);
                app.status = app.executors.isEmpty() ? AppStatus.WAITING : AppStatus.RUNNING;
                LOG.info("Application {} reconnected", app.id);
                maybeCompleteRecovery();
            }
        }

        @Override
        public void workerDecommissioning(DeployMessages.WorkerDecommissioning leaving, RpcAddress sender) {
            WorkerInfo worker = workers.get(leaving.workerId());
            if (worker != null && worker.ref.address().equals(sender)) {
                decommission(worker, "worker " + worker.id + " is leaving (it was told to stop)");
            }
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
            Master.this.registerApplication(register, context);
        }

        @Override
        public void requestSubmitDriver(DeployMessages.RequestSubmitDriver submit, RpcCallContext context) {
            drivers.submit(submit, context);
        }

        @Override
        public void workerLeaving(DeployMessages.WorkerLeaving leaving, RpcCallContext context) {
            WorkerInfo worker = workers.get(leaving.workerId());
            if (worker != null
                    && worker.status == WorkerStatus.DECOMMISSIONING
                    && worker.ref.address().equals(context.senderAddress())) {
                removeWorker(worker, "it was decommissioned", WorkerStatus.DECOMMISSIONED);
            }
            context.reply(Boolean.TRUE);
        }

        @Override
        public void decommissionWorkers(DeployMessages.DecommissionWorkers request, RpcCallContext context) {
            Master.this.decommissionWorkers(request, context);
        }

        @Override
        public void requestKillDriver(DeployMessages.RequestKillDriver kill, RpcCallContext context) {
            context.reply(drivers.kill(kill.driverId()));
        }

        @Override
        public void unregisterApplication(DeployMessages.UnregisterApplication unregister, RpcCallContext context) {
            AppInfo app = apps.get(unregister.appId());
            if (app != null) {
                LOG.info("Application {} ({}) finished", app.id, app.description.name());
                removeApplication(app, null);
            }
            context.reply(Boolean.TRUE);
        }

        @Override
        public void requestMasterState(DeployMessages.RequestMasterState request, RpcCallContext context) {
            context.reply(snapshot());
        }
    }

    @Override
    public void onDisconnected(RpcAddress remote) {
        try {
            disconnected(remote);
        } finally {
            changed();
        }
    }

    private void disconnected(RpcAddress remote) {
        String workerId = workerByAddress.get(remote);
        if (workerId != null) {
            WorkerInfo worker = workers.get(workerId);
            if (worker != null && worker.isActive()) {
                // A decommissioning worker that leaves says so first; without that, it was lost like any other.
                removeWorker(worker, "its connection to the master closed", WorkerStatus.DEAD);
            }
        }
        String appId = appByAddress.get(remote);
        if (appId != null) {
            AppInfo app = apps.get(appId);
            if (app != null && app.status != AppStatus.UNKNOWN) {
                LOG.warn("Application {} disconnected; removing it", appId);
                removeApplication(app, null);
            }
        }
    }

    @Override
    public void onStop() {
        ThreadUtils.shutdownAndAwait(timer, Duration.ofSeconds(5));
    }

    // ---- workers ----

    private void registerWorker(DeployMessages.RegisterWorker register, RpcCallContext context) {
        String invalid = MasterRecords.invalidRegistration(register);
        if (invalid != null) {
            LOG.warn("Refused a worker registration from {}: {}", context.senderAddress(), invalid);
            context.sendFailure(new EmberException(ErrorClass.INVALID_ARGUMENT, invalid));
            return;
        }
        WorkerInfo known = workers.get(register.workerId());
        if (known != null
                && known.isActive()
                && !known.ref.address().equals(register.worker().address())) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A worker with id " + register.workerId() + " is already registered from " + known.ref.address()));
            return;
        }
        // Executors a worker still runs are taken back only where the master may not have given them up: after
        // its own restart, or from a worker it still counts as alive. Those of a worker declared dead were
        // reported lost and replaced; they are killed.
        boolean adopt =
                known != null && known.status != WorkerStatus.DEAD && known.status != WorkerStatus.DECOMMISSIONED;
        List<DriverInfo> previousDrivers = known == null ? List.of() : List.copyOf(known.drivers.values());
        if (known != null) {
            forgetWorker(known);
        }
        WorkerInfo worker = new WorkerInfo(
                register.workerId(),
                register.host(),
                register.port(),
                register.worker(),
                register.cores(),
                register.memoryMb(),
                register.workDir());
        workers.put(worker.id, worker);
        workerByAddress.put(register.worker().address(), worker.id);
        adoptExecutors(worker, register.executors(), adopt);
        drivers.adopt(worker, register.drivers(), adopt);
        for (DriverInfo driver : previousDrivers) {
            if (driver.worker == null && drivers.contains(driver.id)) {
                // It was running there, and the worker no longer has it: it ended while nobody was listening.
                drivers.lost(driver, "its worker " + worker.id + " registered again without it");
            }
        }
        if (register.decommissioning()) {
            // Registering again while leaving (after a master restart or a lost connection): it stays leaving.
            decommission(worker, "worker " + worker.id + " is leaving");
        }
        if (persistence != null) {
            persistence.saveWorker(new MasterPersistence.StoredWorker(
                    worker.id, worker.host, worker.port, worker.cores, worker.memoryMb, worker.workDir));
        }
        LOG.info(
                "Registered worker {} at {} with {} core(s) and {} MB{}",
                worker.id,
                register.worker().address(),
                worker.cores,
                worker.memoryMb,
                register.executors().isEmpty()
                        ? ""
                        : ", running " + register.executors().size() + " executor(s)");
        context.reply(new DeployMessages.RegisteredWorker(self));
        maybeCompleteRecovery();
        schedule();
    }

    /**
     * Takes back the executors a re-registering worker runs, when {@code adopt}; otherwise, and for unknown
     * applications or executor ids already in use, they are killed.
     */
    private void adoptExecutors(WorkerInfo worker, List<ExecutorRef> running, boolean adopt) {
        for (ExecutorRef ref : running) {
            AppInfo app = apps.get(ref.appId());
            if (!adopt || app == null || app.executors.containsKey(ref.executorId())) {
                worker.ref.send(new DeployMessages.KillExecutor(ref.appId(), ref.executorId()));
                continue;
            }
            ExecutorInfo executor = new ExecutorInfo(app, ref.executorId(), worker, ref.cores(), ref.memoryMb());
            executor.state = ExecutorState.RUNNING;
            executor.registered = true;
            app.executors.put(executor.id, executor);
            app.nextExecutorId = Math.max(app.nextExecutorId, executor.id + 1);
            if (app.status != AppStatus.UNKNOWN) {
                app.status = AppStatus.RUNNING;
            }
            worker.executors.put(executor.key(), executor);
            worker.coresUsed += executor.cores;
            worker.memoryUsed += executor.memoryMb;
        }
    }

    private void checkWorkers() {
        long deadline = System.currentTimeMillis() - workerTimeout;
        for (WorkerInfo worker : List.copyOf(workers.values())) {
            if (worker.isActive() && worker.lastHeartbeat < deadline) {
                removeWorker(
                        worker, "no heartbeat for " + workerTimeout + " ms (ember.worker.timeout)", WorkerStatus.DEAD);
            } else if (!worker.isActive()
                    && worker.status != WorkerStatus.UNKNOWN
                    && worker.lastHeartbeat < deadline - 15 * workerTimeout) {
                // Dead workers stay listed for a while, for whoever looks at the cluster.
                workers.remove(worker.id);
            }
        }
    }

    private void removeWorker(WorkerInfo worker, String reason, WorkerStatus end) {
        if (end == WorkerStatus.DECOMMISSIONED) {
            LOG.info("Worker {} on {} left: {}", worker.id, worker.ref.address(), reason);
        } else {
            LOG.warn("Removing worker {} on {}: {}", worker.id, worker.ref.address(), reason);
        }
        worker.status = end;
        workerByAddress.remove(worker.ref.address());
        for (ExecutorInfo executor : List.copyOf(worker.executors.values())) {
            executor.app.executors.remove(executor.id);
            executor.app.client.send(new DeployMessages.ExecutorUpdated(
                    executor.id, ExecutorState.LOST, "worker " + worker.id + " lost: " + reason, null, true));
        }
        worker.executors.clear();
        for (DriverInfo driver : List.copyOf(worker.drivers.values())) {
            drivers.lost(driver, "its worker " + worker.id + " was lost: " + reason);
        }
        worker.drivers.clear();
        worker.coresUsed = 0;
        worker.memoryUsed = 0;
        if (persistence != null) {
            persistence.removeWorker(worker.id);
        }
        schedule();
    }

    /** Answers a request to decommission workers, named by id, {@code host:port} or host. */
    private void decommissionWorkers(DeployMessages.DecommissionWorkers request, RpcCallContext context) {
        if (request.workers() == null
                || request.workers().isEmpty()
                || request.workers().stream().anyMatch(java.util.Objects::isNull)) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Name the workers to decommission: ids, host:port, or hosts"));
            return;
        }
        List<String> matched = new ArrayList<>();
        for (WorkerInfo worker : workers.values()) {
            String hostPort = worker.host + ":" + worker.port;
            boolean named = request.workers().stream()
                    .anyMatch(name -> name.equals(worker.id) || name.equals(hostPort) || name.equals(worker.host));
            if (named && worker.isActive()) {
                decommission(worker, "worker " + worker.id + " is being decommissioned");
                matched.add(worker.id);
            }
        }
        if (matched.isEmpty()) {
            List<String> known = new ArrayList<>();
            for (WorkerInfo worker : workers.values()) {
                if (worker.isActive()) {
                    known.add(worker.id + " (" + worker.host + ":" + worker.port + ")");
                }
            }
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "No active worker matches " + request.workers() + "; the active workers are "
                            + (known.isEmpty() ? "none" : String.join(", ", known))));
            return;
        }
        context.reply(matched);
    }

    /**
     * Starts decommissioning a worker: nothing new goes there, it is told to leave, and the applications running
     * executors on it are told to decommission them (they hand their blocks over and exit). Executors that then exit
     * are replaced on other workers as usual. The worker's record ends when it disconnects.
     */
    private void decommission(WorkerInfo worker, String reason) {
        if (worker.status != WorkerStatus.ALIVE) {
            return;
        }
        worker.status = WorkerStatus.DECOMMISSIONING;
        LOG.info(
                "Decommissioning worker {} on {} ({} executor(s), {} driver(s))",
                worker.id,
                worker.ref.address(),
                worker.executors.size(),
                worker.drivers.size());
        worker.ref.send(new DeployMessages.DecommissionWorker());
        // One message per application, so that its executors here are all marked leaving before any of them looks
        // for other executors to take its blocks.
        Map<AppInfo, List<Integer>> byApp = new LinkedHashMap<>();
        for (ExecutorInfo executor : worker.executors.values()) {
            byApp.computeIfAbsent(executor.app, ignored -> new ArrayList<>()).add(executor.id);
        }
        byApp.forEach((app, ids) -> app.client.send(new DeployMessages.ExecutorsDecommissioning(ids, reason)));
    }

    /** Drops a worker's record before it registers again, returning its resources. */
    private void forgetWorker(WorkerInfo worker) {
        workerByAddress.remove(worker.ref.address());
        for (ExecutorInfo executor : worker.executors.values()) {
            executor.app.executors.remove(executor.id);
        }
        for (DriverInfo driver : worker.drivers.values()) {
            driver.worker = null;
            driver.state = DeployMessages.DriverState.UNKNOWN;
        }
        workers.remove(worker.id);
    }

    // ---- applications ----

    private void registerApplication(DeployMessages.RegisterApplication register, RpcCallContext context) {
        ApplicationDescription description = register.description();
        if (register.client() == null
                || description == null
                || description.name() == null
                || description.driverUrl() == null
                || description.javaOptions() == null
                || description.classPath() == null
                || description.bootSettings() == null) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "An application registration needs a client and a full description"));
            return;
        }
        if (description.memoryPerExecutorMb() < 1
                || (description.coresPerExecutor() != null && description.coresPerExecutor() < 1)
                || (description.maxCores() != null && description.maxCores() < 1)) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Invalid application description: memory, cores per executor and maximum cores must be positive"));
            return;
        }
        String appId = "app-" + LocalDateTime.now(java.time.ZoneOffset.UTC).format(APP_ID_TIME) + "-"
                + String.format(java.util.Locale.ROOT, "%04d", nextAppNumber++);
        AppInfo app = new AppInfo(appId, description, register.client());
        apps.put(appId, app);
        appByAddress.put(register.client().address(), appId);
        if (persistence != null) {
            persistence.saveApp(new MasterPersistence.StoredApp(
                    appId, description, register.client().address(), nextAppNumber));
        }
        LOG.info(
                "Registered application {} ({}) from {}",
                appId,
                description.name(),
                register.client().address());
        context.reply(new DeployMessages.RegisteredApplication(appId, self));
        int largest = 0;
        for (WorkerInfo worker : workers.values()) {
            largest = Math.max(largest, worker.memoryMb);
        }
        if (!workers.isEmpty() && description.memoryPerExecutorMb() > largest) {
            LOG.warn(
                    "Application {} wants {} MB per executor, more than any worker has ({} MB): it cannot run until"
                            + " a larger worker joins",
                    appId,
                    description.memoryPerExecutorMb(),
                    largest);
        }
        schedule();
    }

    private void removeApplication(AppInfo app, String reason) {
        apps.remove(app.id);
        appByAddress.remove(app.client.address());
        for (ExecutorInfo executor : List.copyOf(app.executors.values())) {
            releaseExecutor(executor);
            executor.worker.ref.send(new DeployMessages.KillExecutor(app.id, executor.id));
        }
        app.executors.clear();
        for (WorkerInfo worker : workers.values()) {
            if (worker.isActive()) {
                worker.ref.send(new DeployMessages.ApplicationFinished(app.id));
            }
        }
        if (reason != null) {
            app.client.send(new DeployMessages.ApplicationRemoved(reason));
        }
        if (persistence != null) {
            persistence.removeApp(app.id);
        }
        schedule();
    }

    private void executorStateChanged(DeployMessages.ExecutorStateChanged changed, RpcAddress sender) {
        AppInfo app = apps.get(changed.appId());
        ExecutorInfo executor = app == null ? null : app.executors.get(changed.executorId());
        if (executor == null || changed.state() == null) {
            return;
        }
        if (!executor.worker.ref.address().equals(sender)) {
            LOG.warn(
                    "Ignored a state change of executor {} of {} from {}, which does not run it",
                    executor.id,
                    app.id,
                    sender);
            return;
        }
        executor.state = changed.state();
        app.client.send(new DeployMessages.ExecutorUpdated(
                executor.id, changed.state(), changed.message(), changed.exitCode(), false));
        if (!changed.state().isFinished()) {
            // A process that started says nothing yet about whether executors of this application can run: the
            // failure count is reset only when one registers with its driver (ExecutorRegistered).
            return;
        }
        if (!changed.state().isFinished()) {
            return;
        }
        LOG.info(
                "Executor {} of {} on worker {} ended: {}{}",
                executor.id,
                app.id,
                executor.worker.id,
                changed.state(),
                changed.message() == null ? "" : " (" + changed.message() + ")");
        app.executors.remove(executor.id);
        releaseExecutor(executor);
        // Executors stopped because their worker is leaving say nothing about the application.
        boolean normalExit = (changed.exitCode() != null && changed.exitCode() == 0)
                || executor.worker.status == WorkerStatus.DECOMMISSIONING;
        if (!normalExit && ++app.retryCount >= maxExecutorRetries && maxExecutorRetries > 0) {
            boolean anyRegistered = app.executors.values().stream().anyMatch(e -> e.registered);
            if (!anyRegistered) {
                String reason = "Application " + app.id + " removed: its executors failed " + app.retryCount
                        + " times in a row (ember.deploy.maxExecutorRetries); last: " + changed.message();
                LOG.error(reason);
                removeApplication(app, reason);
                return;
            }
        }
        schedule();
    }

    private static void releaseExecutor(ExecutorInfo executor) {
        if (executor.worker.executors.remove(executor.key()) != null) {
            executor.worker.coresUsed -= executor.cores;
            executor.worker.memoryUsed -= executor.memoryMb;
        }
    }

    // ---- scheduling ----

    /** Gives waiting applications executors on alive workers, oldest application first. */
    private void schedule() {
        if (recovering) {
            return;
        }
        // Drivers first: an application cannot start before its driver.
        drivers.schedule(workers.values());
        for (AppInfo app : apps.values()) {
            if (app.status != AppStatus.UNKNOWN) {
                ExecutorPlacement.place(app, workers.values(), spreadOut, this::launchExecutor);
            }
        }
    }

    private void launchExecutor(AppInfo app, WorkerInfo worker, int cores) {
        int memory = app.description.memoryPerExecutorMb();
        ExecutorInfo executor = new ExecutorInfo(app, app.nextExecutorId++, worker, cores, memory);
        app.executors.put(executor.id, executor);
        app.status = AppStatus.RUNNING;
        worker.executors.put(executor.key(), executor);
        worker.coresUsed += cores;
        worker.memoryUsed += memory;
        LOG.info(
                "Launching executor {} of {} on worker {} ({} core(s), {} MB)",
                executor.id,
                app.id,
                worker.id,
                cores,
                memory);
        worker.ref.send(new DeployMessages.LaunchExecutor(app.id, executor.id, app.description, cores, memory));
        app.client.send(new DeployMessages.ExecutorAdded(
                executor.id, worker.id, worker.host + ":" + worker.port, cores, memory));
    }

    // ---- recovery ----

    private void recover() {
        MasterPersistence.Stored stored = persistence.read();
        if (stored.apps().isEmpty()
                && stored.workers().isEmpty()
                && stored.drivers().isEmpty()) {
            return;
        }
        recovering = true;
        drivers.recover(stored.drivers(), address -> rpcEnv.unverifiedRef(address, DeployMessages.SUBMIT_CLIENT));
        for (MasterPersistence.StoredApp storedApp : stored.apps()) {
            RpcEndpointRef client = rpcEnv.unverifiedRef(storedApp.client(), DeployMessages.APP_CLIENT);
            AppInfo app = new AppInfo(storedApp.appId(), storedApp.description(), client);
            app.status = AppStatus.UNKNOWN;
            apps.put(app.id, app);
            appByAddress.put(storedApp.client(), app.id);
            nextAppNumber = Math.max(nextAppNumber, storedApp.nextAppNumber());
            client.send(new DeployMessages.MasterChanged(self));
        }
        for (MasterPersistence.StoredWorker storedWorker : stored.workers()) {
            RpcAddress address = new RpcAddress(storedWorker.host(), storedWorker.port());
            WorkerInfo worker = new WorkerInfo(
                    storedWorker.workerId(),
                    storedWorker.host(),
                    storedWorker.port(),
                    rpcEnv.unverifiedRef(address, DeployMessages.WORKER),
                    storedWorker.cores(),
                    storedWorker.memoryMb(),
                    storedWorker.workDir());
            worker.status = WorkerStatus.UNKNOWN;
            workers.put(worker.id, worker);
            worker.ref.send(new DeployMessages.ReconnectWorker(self));
        }
        LOG.info(
                "Recovering {} application(s) and {} worker(s) from {}",
                stored.apps().size(),
                stored.workers().size(),
                persistence);
        timer.schedule(
                () -> self.send(new EndpointTask("complete recovery", this::completeRecovery)),
                workerTimeout,
                TimeUnit.MILLISECONDS);
    }

    private void maybeCompleteRecovery() {
        if (recovering
                && workers.values().stream().noneMatch(w -> w.status == WorkerStatus.UNKNOWN)
                && apps.values().stream().noneMatch(a -> a.status == AppStatus.UNKNOWN)) {
            completeRecovery();
        }
    }

    private void completeRecovery() {
        if (!recovering) {
            return;
        }
        recovering = false;
        for (WorkerInfo worker : List.copyOf(workers.values())) {
            if (worker.status == WorkerStatus.UNKNOWN) {
                removeWorker(worker, "it did not come back after the master restarted", WorkerStatus.DEAD);
                workers.remove(worker.id);
            }
        }
        for (AppInfo app : List.copyOf(apps.values())) {
            if (app.status == AppStatus.UNKNOWN) {
                LOG.warn("Application {} did not come back after the master restarted; removing it", app.id);
                removeApplication(app, null);
            }
        }
        drivers.completeRecovery();
        LOG.info("Recovery complete: {} worker(s), {} application(s)", workers.size(), apps.size());
        schedule();
    }

    private DeployMessages.MasterState snapshot() {
        return MasterRecords.snapshot(url(), workers.values(), apps.values(), drivers.all());
    }

    @Override
    public void close() {
        if (webUi != null) {
            webUi.close();
        }
        rpcEnv.close();
    }
}
