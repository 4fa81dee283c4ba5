package dev.ember.deploy;

import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Worker}'s registration with its master. It registers at start, again when it loses the master or the
 * master asks (after the master's restart, or having counted the worker dead), each time listing what the worker
 * still runs, and retries every heartbeat interval until the master answers. While registered it sends heartbeats.
 * It holds the master's reference, which the master replaces when it accepts a registration, and to which the
 * worker reports. Used on the worker's endpoint thread only.
 */
final class WorkerRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRegistration.class);

    private final RpcEnv rpcEnv;
    private final RpcAddress masterAddress;
    private final RpcEndpointRef self;
    private final ScheduledExecutorService timer;
    private final String workerId;
    private final long heartbeatInterval;
    /** The registration to send: the worker as it is now. */
    private final Supplier<DeployMessages.RegisterWorker> request;

    private RpcEndpointRef master;
    private boolean registered;
    private boolean registering;

    WorkerRegistration(
            RpcEnv rpcEnv,
            RpcAddress masterAddress,
            RpcEndpointRef self,
            ScheduledExecutorService timer,
            String workerId,
            long heartbeatInterval,
            Supplier<DeployMessages.RegisterWorker> request) {
        this.rpcEnv = rpcEnv;
        this.masterAddress = masterAddress;
        this.self = self;
        this.timer = timer;
        this.workerId = workerId;
        this.heartbeatInterval = heartbeatInterval;
        this.request = request;
        this.master = rpcEnv.unverifiedRef(masterAddress, DeployMessages.MASTER);
    }

    /** Starts the heartbeats and the first registration. */
    void start() {
        timer.scheduleWithFixedDelay(
                () -> self.send(new EndpointTask("heartbeat", this::sendHeartbeat)),
                heartbeatInterval,
                heartbeatInterval,
                TimeUnit.MILLISECONDS);
        register();
    }

    /** The master's reference: the one it sent when it last accepted the registration, until then its address's. */
    RpcEndpointRef master() {
        return master;
    }

    boolean isRegistered() {
        return registered;
    }

    /** The master asks this worker to register again. */
    void reconnect(DeployMessages.ReconnectWorker reconnect) {
        LOG.info(
                "The master at {} asks this worker to register again",
                reconnect.master().address());
        registered = false;
        register();
    }

    /** A connection closed: when it was the master's, registers again as soon as the master answers. */
    void disconnected(RpcAddress remote) {
        if (remote.equals(masterAddress) && registered) {
            LOG.warn("Lost the master at {}; registering again when it answers", remote);
            registered = false;
            scheduleRegistration();
        }
    }

    private void sendHeartbeat() {
        if (registered) {
            master.send(new DeployMessages.Heartbeat(workerId));
        }
    }

    private void register() {
        if (registered || registering) {
            return;
        }
        registering = true;
        DeployMessages.RegisterWorker registration = request.get();
        RpcEndpointRef masterRef = rpcEnv.unverifiedRef(masterAddress, DeployMessages.MASTER);
        masterRef.<DeployMessages.RegisteredWorker>ask(registration).whenComplete((reply, error) -> {
            // Back on the endpoint thread through a message, so state stays confined to it.
            String failure = error == null ? null : error.toString();
            self.send(new EndpointTask("registration", () -> registered(reply, failure)));
        });
    }

    private void registered(DeployMessages.RegisteredWorker reply, String error) {
        registering = false;
        if (reply != null) {
            registered = true;
            master = reply.master();
            LOG.info("Registered with the master at {}", masterAddress);
        } else {
            LOG.warn("Could not register with the master at {}: {}; trying again", masterAddress, error);
            scheduleRegistration();
        }
    }

    private void scheduleRegistration() {
        timer.schedule(
                () -> self.send(new EndpointTask("register", this::register)),
                heartbeatInterval,
                TimeUnit.MILLISECONDS);
    }
}
