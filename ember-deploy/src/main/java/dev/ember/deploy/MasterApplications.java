package dev.ember.deploy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.deploy.DeployMessages.ExecutorRef;
import dev.ember.deploy.DeployMessages.ExecutorState;
import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.AppStatus;
import dev.ember.deploy.MasterRecords.ExecutorInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpointRef;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Master}'s applications and their executors: registered under a new id, told of each executor that is
 * added, changes or ends, and removed when they unregister, disconnect, or their executors fail
 * {@code ember.deploy.maxExecutorRetries} times in a row before any registered with the driver. An executor that
 * ends frees its cores and memory for the next scheduling. Used on the master's endpoint thread only.
 */
final class MasterApplications {
    private static final Logger LOG = LoggerFactory.getLogger(MasterApplications.class);
    private static final DateTimeFormatter APP_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", java.util.Locale.ROOT);

    private final RpcEndpointRef self;
    private final MasterPersistence persistence;
    private final MasterWorkers workers;
    private final int maxExecutorRetries;
    private final int retainedApplications;
    /** Schedules drivers and applications again, as demand or resources changed. */
    private final Runnable rescheduleAll;

    private final Map<String, AppInfo> apps = new LinkedHashMap<>();
    /** Finished applications, newest first; the master's thread only. */
    private final java.util.ArrayDeque<DeployMessages.AppSummary> completed = new java.util.ArrayDeque<>();
    /** The applications by the address of their client. */
    private final Map<RpcAddress, String> appByAddress = new HashMap<>();

    private int nextAppNumber;

    MasterApplications(
            RpcEndpointRef self,
            MasterPersistence persistence,
            MasterWorkers workers,
            int maxExecutorRetries,
            int retainedApplications,
            Runnable rescheduleAll) {
        this.retainedApplications = retainedApplications;
        this.self = self;
        this.persistence = persistence;
        this.workers = workers;
        this.maxExecutorRetries = maxExecutorRetries;
        this.rescheduleAll = rescheduleAll;
    }

    AppInfo get(String appId) {
        return apps.get(appId);
    }

    /** Every application, oldest first. */
    Collection<AppInfo> all() {
        return Collections.unmodifiableCollection(apps.values());
    }

    /** The most recent finished applications, newest first: at most {@code ember.deploy.retainedApplications}. */
    Collection<DeployMessages.AppSummary> completed() {
        return Collections.unmodifiableCollection(completed);
    }

    void register(DeployMessages.RegisterApplication register, RpcCallContext context) {
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
        String unfit = cannotFit(description);
        if (unfit != null) {
            // Taken, its driver would wait for executors that no worker of this cluster can start.
            LOG.warn(
                    "Refusing application {} from {}: {}",
                    description.name(),
                    register.client().address(),
                    unfit);
            context.reply(new DeployMessages.RefusedApplication(unfit));
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
        rescheduleAll.run();
    }

    /**
     * Why no registered worker could ever run one of the application's executors (it asks for more memory or cores
     * per executor than the largest active worker has), or null when one could, or when no worker is active yet.
     */
    private String cannotFit(DeployMessages.ApplicationDescription description) {
        // Only workers that can still run executors count: a lost or departed worker's size says nothing.
        List<WorkerInfo> active =
                workers.all().stream().filter(WorkerInfo::isActive).toList();
        if (active.isEmpty()) {
            return null;
        }
        int memory = 0;
        int cores = 0;
        for (WorkerInfo worker : active) {
            memory = Math.max(memory, worker.memoryMb);
            cores = Math.max(cores, worker.cores);
        }
        if (description.memoryPerExecutorMb() > memory) {
            return "it wants " + description.memoryPerExecutorMb() + " MB per executor (ember.executor.memory), more"
                    + " than any worker has (" + memory + " MB)";
        }
        Integer perExecutor = description.coresPerExecutor();
        if (perExecutor != null && perExecutor > cores) {
            return "it wants " + perExecutor + " cores per executor (ember.executor.cores), more than any worker has ("
                    + cores + ")";
        }
        return null;
    }

    void unregister(DeployMessages.UnregisterApplication unregister, RpcCallContext context) {
        AppInfo app = apps.get(unregister.appId());
        if (app != null) {
            LOG.info("Application {} ({}) finished", app.id, app.description.name());
            remove(app, null);
        }
        context.reply(Boolean.TRUE);
    }

    /** A connection closed: the application whose client was at {@code remote}, if any, is removed. */
    void disconnected(RpcAddress remote) {
        String appId = appByAddress.get(remote);
        if (appId != null) {
            AppInfo app = apps.get(appId);
            if (app != null && app.status != AppStatus.UNKNOWN) {
                LOG.warn("Application {} disconnected; removing it", appId);
                remove(app, null);
            }
        }
    }

    /**
     * Removes an application: its executors are killed and its workers told it finished. The application hears
     * {@code reason}, unless it is null (it left by itself).
     */
    void remove(AppInfo app, String reason) {
        apps.remove(app.id);
        // FINISHED when it left by itself (or its driver went away), FAILED when the master removed it.
        completed.addFirst(new DeployMessages.AppSummary(
                app.id, app.description.name(), reason == null ? "FINISHED" : "FAILED", 0, List.of(), null));
        while (completed.size() > retainedApplications) {
            completed.removeLast();
        }
        appByAddress.remove(app.client.address());
        for (ExecutorInfo executor : List.copyOf(app.executors.values())) {
            releaseExecutor(executor);
            executor.worker.ref.send(new DeployMessages.KillExecutor(app.id, executor.id));
        }
        app.executors.clear();
        for (WorkerInfo worker : workers.all()) {
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
        rescheduleAll.run();
    }

    /** An executor registered with its driver, which proves that executors of its application can run. */
    void executorRegistered(DeployMessages.ExecutorRegistered registered, RpcAddress sender) {
        AppInfo app = apps.get(registered.appId());
        ExecutorInfo executor = app == null ? null : app.executors.get(registered.executorId());
        if (executor != null && app.client.address().equals(sender)) {
            executor.registered = true;
            app.retryCount = 0;
        }
    }

    /** The application's own driver says where its UI is; a long or foreign address is ignored. */
    void uiUrl(DeployMessages.ApplicationUiUrl ui, RpcAddress sender) {
        AppInfo app = apps.get(ui.appId());
        if (app != null
                && app.client.address().equals(sender)
                && ui.url() != null
                && ui.url().length() <= 2048) {
            app.uiUrl = ui.url();
        }
    }

    void executorStateChanged(DeployMessages.ExecutorStateChanged changed, RpcAddress sender) {
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
                remove(app, reason);
                return;
            }
        }
        rescheduleAll.run();
    }

    private static void releaseExecutor(ExecutorInfo executor) {
        if (executor.worker.executors.remove(executor.key()) != null) {
            executor.worker.coresUsed -= executor.cores;
            executor.worker.memoryUsed -= executor.memoryMb;
        }
    }

    /**
     * Takes back the executors a re-registering worker runs, when {@code adopt}; otherwise, and for unknown
     * applications or executor ids already in use, they are killed.
     */
    void adoptExecutors(WorkerInfo worker, List<ExecutorRef> running, boolean adopt) {
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

    /**
     * Applications read back from the recovery directory: not heard from until they reconnect, and told where the
     * master is now.
     */
    void recover(List<MasterPersistence.StoredApp> stored, Function<RpcAddress, RpcEndpointRef> clients) {
        for (MasterPersistence.StoredApp storedApp : stored) {
            RpcEndpointRef client = clients.apply(storedApp.client());
            AppInfo app = new AppInfo(storedApp.appId(), storedApp.description(), client);
            app.status = AppStatus.UNKNOWN;
            apps.put(app.id, app);
            appByAddress.put(storedApp.client(), app.id);
            nextAppNumber = Math.max(nextAppNumber, storedApp.nextAppNumber());
            client.send(new DeployMessages.MasterChanged(self));
        }
    }

    /**
     * A recovered application came back; returns whether it was one the master waits for, calling from where it
     * registered.
     */
    boolean reconnected(DeployMessages.ApplicationReconnected reconnected) {
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
            return true;
        }
        return false;
    }
}
