package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Asks a standalone master about and for its workers from outside the cluster: its view of the cluster
 * ({@code bin/ember status}) and decommissioning workers ({@code bin/ember worker --decommission}).
 */
public final class MasterClient implements AutoCloseable {
    /** How often {@link #awaitWorkersLeft} asks the master again. */
    private static final long POLL_MS = 500;

    private final RpcEnv rpcEnv;
    private final RpcEndpointRef master;
    private final String masterUrl;
    private final Duration askTimeout;

    private MasterClient(RpcEnv rpcEnv, RpcEndpointRef master, String masterUrl, Duration askTimeout) {
        this.rpcEnv = rpcEnv;
        this.master = master;
        this.masterUrl = masterUrl;
        this.askTimeout = askTimeout;
    }

    /** Connects to the master at {@code masterUrl} ({@code ember://host:port}); fails if it cannot be reached. */
    public static MasterClient connect(EmberConf conf, String masterUrl) {
        RpcAddress address = StandaloneClusterManager.parseMaster(masterUrl);
        RpcEnv rpcEnv =
                RpcEnv.create(conf, "0.0.0.0", RpcAddress.localHost(), 0).register(DeployMessages.WIRE);
        try {
            RpcEndpointRef master = rpcEnv.endpointRef(address, DeployMessages.MASTER);
            return new MasterClient(rpcEnv, master, masterUrl, Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT)));
        } catch (RuntimeException e) {
            rpcEnv.close();
            throw e;
        }
    }

    public DeployMessages.MasterState state() {
        return master.askSync(new DeployMessages.RequestMasterState(), askTimeout);
    }

    /** Decommissions the workers named by id, {@code host:port} or host; returns their ids. */
    public List<String> decommission(List<String> workers) {
        return master.askSync(new DeployMessages.DecommissionWorkers(List.copyOf(workers)), askTimeout);
    }

    /**
     * Waits until none of {@code workerIds} is alive or decommissioning any more, reporting each one that left to
     * {@code progress}; fails with {@link ErrorClass#TIMEOUT} after {@code timeout}, and with
     * {@link ErrorClass#CONNECTION_FAILED} when one was lost (marked dead) instead of leaving. Returns the final
     * states.
     */
    public List<DeployMessages.WorkerSummary> awaitWorkersLeft(
            List<String> workerIds, Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new HashSet<>(workerIds);
        List<DeployMessages.WorkerSummary> ended = new ArrayList<>();
        while (true) {
            Set<String> listed = new HashSet<>();
            for (DeployMessages.WorkerSummary worker : state().workers()) {
                listed.add(worker.workerId());
                boolean active =
                        worker.state().equals("ALIVE") || worker.state().equals("DECOMMISSIONING");
                if (!active && waiting.remove(worker.workerId())) {
                    ended.add(worker);
                    if (!worker.state().equals("DECOMMISSIONED")) {
                        throw new EmberException(
                                ErrorClass.CONNECTION_FAILED,
                                "Worker " + worker.workerId() + " was lost (" + worker.state() + ") before it finished"
                                        + " decommissioning; what it held is recomputed when needed");
                    }
                    progress.accept("Worker " + worker.workerId() + " left: " + worker.state());
                }
            }
            // No longer listed at all: it left long enough ago for the master to forget it.
            waiting.retainAll(listed);
            if (waiting.isEmpty()) {
                return ended;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new EmberException(
                        ErrorClass.TIMEOUT,
                        "Workers " + waiting + " are still decommissioning at " + masterUrl + " after " + timeout);
            }
            try {
                Thread.sleep(Math.min(left, POLL_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmberException(ErrorClass.INTERNAL_ERROR, "Interrupted while waiting for workers", e);
            }
        }
    }

    @Override
    public void close() {
        rpcEnv.close();
    }
}
