package dev.ember.deploy;

import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.AppStatus;
import dev.ember.deploy.MasterRecords.ExecutorInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the {@link Master}'s work on its workers, after every change of demand or resources: waiting drivers
 * first (an application cannot start before its driver), then applications oldest first, each getting the
 * executors {@link ExecutorPlacement} finds room for. Nothing is placed while {@link MasterRecovery} runs, as the
 * workers that will come back are not known yet. Used on the master's endpoint thread only.
 */
final class MasterScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(MasterScheduler.class);

    private final MasterWorkers workers;
    private final MasterApplications applications;
    private final MasterDrivers drivers;
    private final MasterRecovery recovery;
    private final boolean spreadOut;

    MasterScheduler(
            MasterWorkers workers,
            MasterApplications applications,
            MasterDrivers drivers,
            MasterRecovery recovery,
            boolean spreadOut) {
        this.workers = workers;
        this.applications = applications;
        this.drivers = drivers;
        this.recovery = recovery;
        this.spreadOut = spreadOut;
    }

    /** Gives waiting drivers and applications places on alive workers, oldest first. */
    void schedule() {
        if (recovery.inProgress()) {
            return;
        }
        // Drivers first: an application cannot start before its driver.
        drivers.schedule(workers.all());
        for (AppInfo app : applications.all()) {
            if (app.status != AppStatus.UNKNOWN) {
                ExecutorPlacement.place(app, workers.all(), spreadOut, this::launchExecutor);
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
}
