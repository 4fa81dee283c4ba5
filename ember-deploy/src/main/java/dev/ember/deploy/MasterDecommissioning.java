package dev.ember.deploy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.ExecutorInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers leaving the {@link Master}'s cluster without loss. A worker is decommissioned on request
 * ({@code DecommissionWorkers}, from {@link MasterClient}) or by its own word ({@code WorkerDecommissioning}, when
 * it was told to stop), and stays leaving when it registers again:
 *
 * <pre>
 *   ALIVE --decommission--> DECOMMISSIONING --WorkerLeaving--> DECOMMISSIONED
 *                                  |
 *                                  +--lost first (connection closed, no heartbeat)--> DEAD
 * </pre>
 *
 * Used on the master's endpoint thread only.
 */
final class MasterDecommissioning {
    private static final Logger LOG = LoggerFactory.getLogger(MasterDecommissioning.class);

    private final MasterWorkers workers;

    MasterDecommissioning(MasterWorkers workers) {
        this.workers = workers;
    }

    /** Answers a request to decommission workers, named by id, {@code host:port} or host. */
    void decommissionWorkers(DeployMessages.DecommissionWorkers request, RpcCallContext context) {
        if (request.workers() == null
                || request.workers().isEmpty()
                || request.workers().stream().anyMatch(java.util.Objects::isNull)) {
            context.sendFailure(new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Name the workers to decommission: ids, host:port, or hosts"));
            return;
        }
        List<String> matched = new ArrayList<>();
        for (WorkerInfo worker : workers.all()) {
            String hostPort = worker.host + ":" + worker.port;
            boolean named = request.workers().stream()
                    .anyMatch(name -> name.equals(worker.id) || name.equals(hostPort) || name.equals(worker.host));
            if (named && worker.isActive()) {
                start(worker, "worker " + worker.id + " is being decommissioned");
                matched.add(worker.id);
            }
        }
        if (matched.isEmpty()) {
            List<String> known = new ArrayList<>();
            for (WorkerInfo worker : workers.all()) {
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

    /** A worker says it is leaving (it was told to stop); only the worker itself may say so. */
    void workerDecommissioning(DeployMessages.WorkerDecommissioning leaving, RpcAddress sender) {
        WorkerInfo worker = workers.get(leaving.workerId());
        if (worker != null && worker.ref.address().equals(sender)) {
            start(worker, "worker " + worker.id + " is leaving (it was told to stop)");
        }
    }

    /** A decommissioning worker leaves, with nothing running any more: it ends as decommissioned, not lost. */
    void workerLeaving(DeployMessages.WorkerLeaving leaving, RpcCallContext context) {
        WorkerInfo worker = workers.get(leaving.workerId());
        if (worker != null
                && worker.status == WorkerStatus.DECOMMISSIONING
                && worker.ref.address().equals(context.senderAddress())) {
            workers.remove(worker, "it was decommissioned", WorkerStatus.DECOMMISSIONED);
        }
        context.reply(Boolean.TRUE);
    }

    /**
     * Starts decommissioning a worker: nothing new goes there, it is told to leave, and the applications running
     * executors on it are told to decommission them (they hand their blocks over and exit). Executors that then exit
     * are replaced on other workers as usual. The worker's record ends when it disconnects.
     */
    void start(WorkerInfo worker, String reason) {
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
}
