package dev.ember.deploy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.DeployMessages.ExecutorState;
import dev.ember.deploy.MasterRecords.DriverInfo;
import dev.ember.deploy.MasterRecords.ExecutorInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Master}'s workers, by id and by address: admitted when they register (again), kept by their heartbeats,
 * and removed when they are lost (no heartbeat for {@code ember.worker.timeout}, or a closed connection) or have
 * left. A removed worker's executors are reported lost to their applications and its drivers to
 * {@link MasterDrivers}; its record stays listed a while, for whoever looks at the cluster. Used on the master's
 * endpoint thread only.
 */
final class MasterWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWorkers.class);

    /**
     * A worker's new record, admitted by {@link #admit}.
     *
     * @param adopt whether the executors and drivers it still runs are taken back, rather than killed
     * @param previousDrivers the drivers its earlier record ran, which it may no longer run
     */
    record Registration(WorkerInfo worker, boolean adopt, List<DriverInfo> previousDrivers) {}

    private final RpcEnv rpcEnv;
    private final RpcEndpointRef self;
    private final MasterPersistence persistence;
    private final MasterDrivers drivers;
    private final long workerTimeout;
    /** Schedules drivers and applications again, as resources were freed. */
    private final Runnable rescheduleAll;

    private final Map<String, WorkerInfo> workers = new LinkedHashMap<>();
    /** Set (from any thread) when the whole cluster is being stopped on purpose: losing workers is expected then. */
    private volatile boolean clusterStopping;
    /** The registered, not yet removed workers by the address of their endpoint. */
    private final Map<RpcAddress, String> workerByAddress = new HashMap<>();

    MasterWorkers(
            RpcEnv rpcEnv,
            RpcEndpointRef self,
            MasterPersistence persistence,
            MasterDrivers drivers,
            long workerTimeout,
            Runnable rescheduleAll) {
        this.rpcEnv = rpcEnv;
        this.self = self;
        this.persistence = persistence;
        this.drivers = drivers;
        this.workerTimeout = workerTimeout;
        this.rescheduleAll = rescheduleAll;
    }

    WorkerInfo get(String workerId) {
        return workers.get(workerId);
    }

    /** Every listed worker, in registration order: alive, leaving, and those that ended a short while ago. */
    Collection<WorkerInfo> all() {
        return Collections.unmodifiableCollection(workers.values());
    }

    void heartbeat(DeployMessages.Heartbeat heartbeat, RpcAddress sender) {
        WorkerInfo worker = workers.get(heartbeat.workerId());
        if (worker != null && worker.isActive()) {
            worker.lastHeartbeat = System.currentTimeMillis();
        } else {
            // A worker this master does not know (restarted without recovery, or marked dead): register again.
            LOG.info("Heartbeat from unknown or dead worker {}; asking it to register again", heartbeat.workerId());
            rpcEnv.unverifiedRef(sender, DeployMessages.WORKER).send(new DeployMessages.ReconnectWorker(self));
        }
    }

    /**
     * The first step of a registration: checks it, and replaces the worker's earlier record, if any, with a new one.
     * Returns null when it is refused, the call having failed; else the registration ends with {@link #accept}.
     */
    Registration admit(DeployMessages.RegisterWorker register, RpcCallContext context) {
        String invalid = MasterRecords.invalidRegistration(register);
        if (invalid != null) {
            LOG.warn("Refused a worker registration from {}: {}", context.senderAddress(), invalid);
            context.sendFailure(new EmberException(ErrorClass.INVALID_ARGUMENT, invalid));
            return null;
        }
        WorkerInfo known = workers.get(register.workerId());
        if (known != null
                && known.isActive()
                && !known.ref.address().equals(register.worker().address())) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A worker with id " + register.workerId() + " is already registered from " + known.ref.address()));
            return null;
        }
        // Executors a worker still runs are taken back only where the master may not have given them up: after
        // its own restart, or from a worker it still counts as alive. Those of a worker declared dead were
        // reported lost and replaced; they are killed.
        boolean adopt =
                known != null && known.status != WorkerStatus.DEAD && known.status != WorkerStatus.DECOMMISSIONED;
        List<DriverInfo> previousDrivers = known == null ? List.of() : List.copyOf(known.drivers.values());
        if (known != null) {
            forget(known);
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
        return new Registration(worker, adopt, previousDrivers);
    }

    /** The last step of a registration: stores the worker for a restarted master, and answers it. */
    void accept(WorkerInfo worker, DeployMessages.RegisterWorker register, RpcCallContext context) {
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
    }

    /** Drops a worker's record before it registers again, returning its resources. */
    private void forget(WorkerInfo worker) {
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

    /** Workers read back from the recovery directory: listed as not heard from, and asked to register again. */
    void recover(List<MasterPersistence.StoredWorker> stored) {
        for (MasterPersistence.StoredWorker storedWorker : stored) {
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
    }

    /** Removes the workers whose heartbeats stopped, and unlists those that ended long ago. */
    void check() {
        long deadline = System.currentTimeMillis() - workerTimeout;
        for (WorkerInfo worker : List.copyOf(workers.values())) {
            if (worker.isActive() && worker.lastHeartbeat < deadline) {
                remove(worker, "no heartbeat for " + workerTimeout + " ms (ember.worker.timeout)", WorkerStatus.DEAD);
            } else if (!worker.isActive()
                    && worker.status != WorkerStatus.UNKNOWN
                    && worker.lastHeartbeat < deadline - 15 * workerTimeout) {
                // Dead workers stay listed for a while, for whoever looks at the cluster.
                workers.remove(worker.id);
            }
        }
    }

    /** A connection closed: the worker at {@code remote}, if any, is lost. */
    void disconnected(RpcAddress remote) {
        String workerId = workerByAddress.get(remote);
        if (workerId != null) {
            WorkerInfo worker = workers.get(workerId);
            if (worker != null && worker.isActive()) {
                // A decommissioning worker that leaves says so first; without that, it was lost like any other.
                remove(worker, "its connection to the master closed", WorkerStatus.DEAD);
            }
        }
    }

    /** The cluster is being stopped on purpose (a {@code local-cluster} closing): its workers' departures are normal. */
    void clusterStopping() {
        clusterStopping = true;
    }

    /**
     * Ends a worker as {@code end} (lost, or left after decommissioning): its executors are reported lost to their
     * applications and its drivers to {@link MasterDrivers}; its record stays listed.
     */
    void remove(WorkerInfo worker, String reason, WorkerStatus end) {
        if (end == WorkerStatus.DECOMMISSIONED) {
            LOG.info("Worker {} on {} left: {}", worker.id, worker.ref.address(), reason);
        } else if (clusterStopping) {
            LOG.info("Worker {} on {} stopped with the cluster: {}", worker.id, worker.ref.address(), reason);
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
        rescheduleAll.run();
    }

    /** Takes an ended worker off the list. */
    void unlist(WorkerInfo worker) {
        workers.remove(worker.id);
    }
}
