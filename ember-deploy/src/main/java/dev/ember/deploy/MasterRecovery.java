package dev.ember.deploy;

import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.AppStatus;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restarted {@link Master} taking back its state ({@code ember.deploy.recoveryMode=FILESYSTEM}): the workers,
 * applications and drivers in {@link MasterPersistence} are listed as not heard from and asked to come back. Recovery
 * ends when all came back, or after {@code ember.worker.timeout}, when those that did not are removed; nothing is
 * scheduled until then. Used on the master's endpoint thread only.
 */
final class MasterRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(MasterRecovery.class);

    private final RpcEnv rpcEnv;
    private final RpcEndpointRef self;
    private final MasterPersistence persistence;
    private final ScheduledExecutorService timer;
    private final MasterWorkers workers;
    private final MasterApplications applications;
    private final MasterDrivers drivers;
    private final long workerTimeout;
    /** Schedules drivers and applications, once recovery ended. */
    private final Runnable rescheduleAll;

    private boolean recovering;

    MasterRecovery(
            RpcEnv rpcEnv,
            RpcEndpointRef self,
            MasterPersistence persistence,
            ScheduledExecutorService timer,
            MasterWorkers workers,
            MasterApplications applications,
            MasterDrivers drivers,
            long workerTimeout,
            Runnable rescheduleAll) {
        this.rpcEnv = rpcEnv;
        this.self = self;
        this.persistence = persistence;
        this.timer = timer;
        this.workers = workers;
        this.applications = applications;
        this.drivers = drivers;
        this.workerTimeout = workerTimeout;
        this.rescheduleAll = rescheduleAll;
    }

    /** Whether the master is waiting for its recovered workers and applications to come back. */
    boolean inProgress() {
        return recovering;
    }

    /** Reads back the recovery directory; only with one. */
    void recover() {
        MasterPersistence.Stored stored = persistence.read();
        if (stored.apps().isEmpty()
                && stored.workers().isEmpty()
                && stored.drivers().isEmpty()) {
            return;
        }
        recovering = true;
        drivers.recover(stored.drivers(), address -> rpcEnv.unverifiedRef(address, DeployMessages.SUBMIT_CLIENT));
        applications.recover(stored.apps(), address -> rpcEnv.unverifiedRef(address, DeployMessages.APP_CLIENT));
        workers.recover(stored.workers());
        LOG.info(
                "Recovering {} application(s) and {} worker(s) from {}",
                stored.apps().size(),
                stored.workers().size(),
                persistence);
        timer.schedule(
                () -> self.send(new EndpointTask("complete recovery", this::complete)),
                workerTimeout,
                TimeUnit.MILLISECONDS);
    }

    /** Ends recovery early once every recovered worker and application came back. */
    void maybeComplete() {
        if (recovering
                && workers.all().stream().noneMatch(w -> w.status == WorkerStatus.UNKNOWN)
                && applications.all().stream().noneMatch(a -> a.status == AppStatus.UNKNOWN)) {
            complete();
        }
    }

    private void complete() {
        if (!recovering) {
            return;
        }
        recovering = false;
        for (WorkerInfo worker : List.copyOf(workers.all())) {
            if (worker.status == WorkerStatus.UNKNOWN) {
                workers.remove(worker, "it did not come back after the master restarted", WorkerStatus.DEAD);
                workers.unlist(worker);
            }
        }
        for (AppInfo app : List.copyOf(applications.all())) {
            if (app.status == AppStatus.UNKNOWN) {
                LOG.warn("Application {} did not come back after the master restarted; removing it", app.id);
                applications.remove(app, null);
            }
        }
        drivers.completeRecovery();
        LOG.info(
                "Recovery complete: {} worker(s), {} application(s)",
                workers.all().size(),
                applications.all().size());
        rescheduleAll.run();
    }
}
