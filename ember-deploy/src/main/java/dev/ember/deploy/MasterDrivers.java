package dev.ember.deploy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.MasterRecords.DriverInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpointRef;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Master}'s drivers of cluster deploy mode: submitted, placed on workers with room, relaunched after a
 * doubling back-off when supervised and they fail or lose their worker, killed on request, remembered a while after
 * they end, and kept in the recovery directory. Used on the master's endpoint thread only.
 */
final class MasterDrivers {
    private static final Logger LOG = LoggerFactory.getLogger(MasterDrivers.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", java.util.Locale.ROOT);

    /** How many finished drivers are remembered, for status requests. */
    private static final int COMPLETED_DRIVERS_KEPT = 50;

    private final MasterPersistence persistence;
    private final ScheduledExecutorService timer;
    private final RpcEndpointRef self;
    /** Schedules drivers and applications again, as resources were freed. */
    private final Runnable rescheduleAll;

    private final Map<String, DriverInfo> drivers = new LinkedHashMap<>();
    private final ArrayDeque<DriverInfo> completedDrivers = new ArrayDeque<>();
    /** Drivers being killed: never started again. */
    private final Set<String> killedDrivers = new HashSet<>();

    private int nextDriverNumber;

    MasterDrivers(
            MasterPersistence persistence,
            ScheduledExecutorService timer,
            RpcEndpointRef self,
            Runnable rescheduleAll) {
        this.persistence = persistence;
        this.timer = timer;
        this.self = self;
        this.rescheduleAll = rescheduleAll;
    }

    DriverInfo get(String driverId) {
        return drivers.get(driverId);
    }

    boolean contains(String driverId) {
        return drivers.containsKey(driverId);
    }

    /** Active drivers, then the most recent finished ones. */
    List<DriverInfo> all() {
        List<DriverInfo> all = new ArrayList<>(drivers.values());
        all.addAll(completedDrivers);
        return all;
    }

    /** Drivers read back from the recovery directory, waiting for their workers to report them. */
    void recover(
            List<MasterPersistence.StoredDriver> stored,
            java.util.function.Function<RpcAddress, RpcEndpointRef> clients) {
        for (MasterPersistence.StoredDriver storedDriver : stored) {
            RpcEndpointRef client = storedDriver.client() == null ? null : clients.apply(storedDriver.client());
            DriverInfo driver = new DriverInfo(storedDriver.driverId(), storedDriver.description(), client);
            driver.state = DeployMessages.DriverState.UNKNOWN;
            drivers.put(driver.id, driver);
            nextDriverNumber = Math.max(nextDriverNumber, storedDriver.nextDriverNumber());
        }
    }

    /** After recovery: the drivers no worker reported are lost. */
    void completeRecovery() {
        for (DriverInfo driver : List.copyOf(drivers.values())) {
            if (driver.state == DeployMessages.DriverState.UNKNOWN) {
                lost(driver, "no worker reported it after the master restarted");
            }
        }
    }

    void submit(DeployMessages.RequestSubmitDriver submit, RpcCallContext context) {
        DeployMessages.DriverDescription description = submit.description();
        if (description == null
                || description.mainClass() == null
                || description.args() == null
                || description.settings() == null
                || description.cores() < 1
                || description.memoryMb() < 1) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A driver submission needs a main class, arguments, settings, and at least one core and 1 MB"));
            return;
        }
        String driverId =
                "driver-" + LocalDateTime.now(java.time.ZoneOffset.UTC).format(ID_TIME) + "-"
                        + String.format(java.util.Locale.ROOT, "%04d", nextDriverNumber++);
        DriverInfo driver = new DriverInfo(driverId, description, submit.client());
        drivers.put(driverId, driver);
        if (persistence != null) {
            persistence.saveDriver(new MasterPersistence.StoredDriver(
                    driverId,
                    description,
                    submit.client() == null ? null : submit.client().address(),
                    nextDriverNumber));
        }
        LOG.info(
                "Submitted driver {} ({}{})",
                driverId,
                description.mainClass(),
                description.supervise() ? ", supervised" : "");
        context.reply(new DeployMessages.SubmittedDriver(driverId));
        rescheduleAll.run();
    }

    boolean kill(String driverId) {
        DriverInfo driver = drivers.get(driverId);
        if (driver == null) {
            return false;
        }
        killedDrivers.add(driverId);
        if (driver.worker != null && driver.state == DeployMessages.DriverState.RUNNING) {
            // Its worker reports the end (KILLED), which finishes it here.
            driver.worker.ref.send(new DeployMessages.KillDriver(driverId));
        } else {
            finish(driver, DeployMessages.DriverState.KILLED, null, "killed before it started");
        }
        return true;
    }

    void stateChanged(DeployMessages.DriverStateChanged changed, RpcAddress sender) {
        DriverInfo driver = drivers.get(changed.driverId());
        if (driver == null || changed.state() == null || driver.worker == null) {
            return;
        }
        if (!driver.worker.ref.address().equals(sender)) {
            LOG.warn("Ignored a state change of driver {} from {}, which does not run it", driver.id, sender);
            return;
        }
        if (changed.state() == DeployMessages.DriverState.SUBMITTED) {
            // The worker would not start it (it is leaving): placed again elsewhere, as if never launched.
            LOG.info("Driver {} refused by worker {}: {}", driver.id, driver.worker.id, changed.message());
            release(driver);
            driver.state = DeployMessages.DriverState.SUBMITTED;
            rescheduleAll.run();
            return;
        }
        if (!changed.state().isFinished()) {
            // Only RUNNING is news before the end; anything else would let the master launch it a second time.
            if (changed.state() == DeployMessages.DriverState.RUNNING) {
                driver.state = changed.state();
            }
            return;
        }
        release(driver);
        boolean failed = changed.state() == DeployMessages.DriverState.FAILED
                || changed.state() == DeployMessages.DriverState.ERROR;
        if (failed && driver.description.supervise() && !killedDrivers.contains(driver.id)) {
            relaunchLater(
                    driver,
                    "it " + changed.state().name().toLowerCase(java.util.Locale.ROOT) + " (" + changed.message() + ")");
        } else {
            finish(driver, changed.state(), changed.exitCode(), changed.message());
        }
        // Its cores and memory are free again.
        rescheduleAll.run();
    }

    /** A driver whose worker is gone: started again elsewhere when supervised, else it ends as failed. */
    void lost(DriverInfo driver, String reason) {
        release(driver);
        if (driver.description.supervise() && !killedDrivers.contains(driver.id)) {
            relaunchLater(driver, reason);
        } else {
            finish(driver, DeployMessages.DriverState.ERROR, null, reason);
        }
    }

    /** Starts a supervised driver again after a back-off that doubles with each launch, up to 30 s. */
    private void relaunchLater(DriverInfo driver, String reason) {
        long delay = Math.min(30_000L, 500L << Math.min(6, Math.max(0, driver.launches - 1)));
        LOG.warn("Supervised driver {} ended: {}; starting it again in {} ms", driver.id, reason, delay);
        driver.state = DeployMessages.DriverState.SUBMITTED;
        driver.notBefore = System.currentTimeMillis() + delay;
        String id = driver.id;
        Runnable relaunch = () -> {
            DriverInfo waiting = drivers.get(id);
            if (waiting != null && waiting.state == DeployMessages.DriverState.SUBMITTED) {
                rescheduleAll.run();
            }
        };
        timer.schedule(
                () -> self.send(new EndpointTask("relaunch driver " + id, relaunch)), delay, TimeUnit.MILLISECONDS);
    }

    private static void release(DriverInfo driver) {
        WorkerInfo worker = driver.worker;
        if (worker != null && worker.drivers.remove(driver.id) != null) {
            worker.coresUsed -= driver.description.cores();
            worker.memoryUsed -= driver.description.memoryMb();
        }
        driver.worker = null;
    }

    private void finish(DriverInfo driver, DeployMessages.DriverState state, Integer exitCode, String message) {
        release(driver);
        driver.state = state;
        drivers.remove(driver.id);
        killedDrivers.remove(driver.id);
        completedDrivers.addFirst(driver);
        while (completedDrivers.size() > COMPLETED_DRIVERS_KEPT) {
            completedDrivers.removeLast();
        }
        if (persistence != null) {
            persistence.removeDriver(driver.id);
        }
        LOG.info("Driver {} ended: {}{}", driver.id, state, message == null ? "" : " (" + message + ")");
        if (driver.client != null) {
            driver.client.send(new DeployMessages.DriverEnded(driver.id, state, exitCode, message));
        }
    }

    /**
     * Starts waiting drivers on alive workers with room for them (the worker with the most free cores), unless
     * they are waiting out a relaunch back-off.
     */
    void schedule(java.util.Collection<WorkerInfo> workers) {
        for (DriverInfo driver : drivers.values()) {
            if (driver.state != DeployMessages.DriverState.SUBMITTED
                    || killedDrivers.contains(driver.id)
                    || System.currentTimeMillis() < driver.notBefore) {
                continue;
            }
            WorkerInfo chosen = null;
            for (WorkerInfo worker : workers) {
                if (worker.status == WorkerStatus.ALIVE
                        && worker.coresFree() >= driver.description.cores()
                        && worker.memoryFree() >= driver.description.memoryMb()
                        && (chosen == null || worker.coresFree() > chosen.coresFree())) {
                    chosen = worker;
                }
            }
            if (chosen != null) {
                driver.worker = chosen;
                driver.state = DeployMessages.DriverState.RUNNING;
                driver.launches++;
                chosen.drivers.put(driver.id, driver);
                chosen.coresUsed += driver.description.cores();
                chosen.memoryUsed += driver.description.memoryMb();
                LOG.info("Launching driver {} on worker {} (launch {})", driver.id, chosen.id, driver.launches);
                chosen.ref.send(new DeployMessages.LaunchDriver(driver.id, driver.description));
            }
        }
    }

    /** Takes back the drivers a re-registering worker runs, as for executors; the others are killed. */
    void adopt(WorkerInfo worker, List<String> running, boolean adopt) {
        for (String driverId : running) {
            DriverInfo driver = drivers.get(driverId);
            if (!adopt || driver == null || driver.state != DeployMessages.DriverState.UNKNOWN) {
                worker.ref.send(new DeployMessages.KillDriver(driverId));
                continue;
            }
            driver.worker = worker;
            driver.state = DeployMessages.DriverState.RUNNING;
            driver.launches = Math.max(1, driver.launches);
            worker.drivers.put(driverId, driver);
            worker.coresUsed += driver.description.cores();
            worker.memoryUsed += driver.description.memoryMb();
        }
    }
}
