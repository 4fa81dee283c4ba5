package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.scheduler.cluster.ClusterManager;
import dev.ember.scheduler.cluster.CoarseGrainedSchedulerBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler backend of an application on a standalone cluster: registers the application with the master, which
 * starts its executors on workers; executors then register with the driver as in any cluster mode. The master's
 * news of executors that ended, or of lost workers, removes those executors at once (without waiting for their
 * connections to time out). For {@code local-cluster} it also owns the embedded master and workers.
 */
final class StandaloneSchedulerBackend extends CoarseGrainedSchedulerBackend {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSchedulerBackend.class);

    private final java.util.function.Supplier<java.util.Optional<String>> uiUrl;
    private final String appName;
    private final java.util.function.Consumer<String> fatalError;
    private final RpcAddress masterAddress;
    private final LocalCluster localCluster;
    private final int expectedCores;
    private final int executorMemoryMb;
    private volatile RpcEndpointRef master;
    private volatile RpcEndpointRef client;
    private volatile String appId;

    StandaloneSchedulerBackend(
            ClusterManager.Context context,
            RpcAddress masterAddress,
            LocalCluster localCluster,
            int expectedCores,
            int executorMemoryMb) {
        super(context, "pending");
        this.appName = context.appName();
        this.fatalError = context.fatalError();
        this.uiUrl = context.uiUrl();
        this.masterAddress = masterAddress;
        this.localCluster = localCluster;
        this.expectedCores = expectedCores;
        this.executorMemoryMb = executorMemoryMb;
    }

    @Override
    public void start() {
        super.start();
        rpcEnv.register(DeployMessages.WIRE);
        client = rpcEnv.setupEndpoint(DeployMessages.APP_CLIENT, new AppClient());
        Duration timeout = Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT));
        RpcEndpointRef masterRef;
        Object reply;
        try {
            masterRef = rpcEnv.endpointRef(masterAddress, DeployMessages.MASTER);
            reply = masterRef.askSync(new DeployMessages.RegisterApplication(description(), client), timeout);
        } catch (RuntimeException e) {
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "Could not register the application with the master at ember://" + masterAddress.hostPort() + ": "
                            + e.getMessage(),
                    e);
        }
        if (reply instanceof DeployMessages.RefusedApplication refused) {
            throw new EmberException(
                    ErrorClass.APPLICATION_REMOVED,
                    "The master at ember://" + masterAddress.hostPort() + " refused the application: "
                            + refused.reason());
        }
        DeployMessages.RegisteredApplication registered = (DeployMessages.RegisteredApplication) reply;
        master = registered.master();
        appId = registered.appId();
        setApplicationId(appId);
        LOG.info("Registered with the master at ember://{} as {}", masterAddress.hostPort(), appId);
        // The UI may still be starting: its address follows when it is up, without holding up the start.
        String registeredId = appId;
        RpcEndpointRef masterAtRegistration = masterRef;
        dev.ember.util.ThreadUtils.newThread("ember-ui-address", true, () -> uiUrl.get()
                        .ifPresent(url ->
                                masterAtRegistration.send(new DeployMessages.ApplicationUiUrl(registeredId, url))))
                .start();
    }

    private ApplicationDescription description() {
        List<String> javaOptions = new ArrayList<>();
        for (String option :
                conf.get(CoreConfig.EXECUTOR_EXTRA_JAVA_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                javaOptions.add(option);
            }
        }
        return new ApplicationDescription(
                appName,
                conf.getOptional(CoreConfig.CORES_MAX).orElse(null),
                executorMemoryMb,
                conf.getOptional(CoreConfig.EXECUTOR_CORES).orElse(null),
                rpcEnv.address().hostPort(),
                javaOptions,
                // Executors run in their own work directories: a relative entry means one of the driver's.
                ClassPathEntries.absolute(
                        conf.get(CoreConfig.EXECUTOR_EXTRA_CLASSPATH),
                        Path.of("").toAbsolutePath()),
                bootSettings(conf));
    }

    /**
     * The settings an executor needs before it can talk to the driver: transport and RPC settings. Secrets are not
     * among them (they would show on the executor's command line and in the master's records): the shared secret
     * and TLS come from the worker, which runs on the executor's machine.
     */
    static Map<String, String> bootSettings(EmberConf conf) {
        Map<String, String> settings = new LinkedHashMap<>();
        conf.getAll().forEach((key, value) -> {
            boolean needed = key.startsWith("ember.network.")
                    || key.startsWith("ember.rpc.")
                    || key.equals(NetworkConfig.SSL_ENABLED.key())
                    || key.equals(NetworkConfig.AUTHENTICATE.key())
                    || key.equals(NetworkConfig.AUTHENTICATE_TIMEOUT.key());
            if (needed) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** The embedded cluster of {@code local-cluster}; null on a real cluster. */
    LocalCluster localCluster() {
        return localCluster;
    }

    @Override
    protected void onExecutorAdded(String executorId) {
        RpcEndpointRef masterRef = master;
        if (masterRef != null && appId != null) {
            masterRef.send(new DeployMessages.ExecutorRegistered(appId, Integer.parseInt(executorId)));
        }
    }

    @Override
    protected int expectedCores() {
        return expectedCores;
    }

    @Override
    public void stop() {
        try {
            RpcEndpointRef masterRef = master;
            if (masterRef != null && appId != null) {
                try {
                    // Before the executors are told to exit, so the master does not replace them.
                    masterRef.<Boolean>askSync(new DeployMessages.UnregisterApplication(appId), Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    LOG.warn("Could not unregister {} from the master: {}", appId, e.getMessage());
                }
            }
            super.stop();
            if (client != null) {
                rpcEnv.stop(client);
            }
        } finally {
            if (localCluster != null) {
                localCluster.close();
            }
        }
    }

    /** News from the master, on this endpoint's thread. */
    private final class AppClient implements RpcEndpoint, DeployMessages.ApplicationEvents {
        @Override
        public void receive(Object message, RpcAddress sender) {
            if (message instanceof DeployMessages.ApplicationEvent event) {
                RpcEndpointRef masterRef = master;
                if (!sender.equals(masterAddress)
                        && (masterRef == null || !masterRef.address().equals(sender))) {
                    LOG.warn(
                            "Ignored a {} from {}, which is not the master",
                            message.getClass().getSimpleName(),
                            sender);
                    return;
                }
                event.deliver(this, sender);
            } else {
                RpcEndpoint.super.receive(message, sender);
            }
        }

        @Override
        public void executorAdded(DeployMessages.ExecutorAdded added, RpcAddress sender) {
            LOG.info(
                    "Executor {} granted on worker {} ({}) with {} core(s), {} MB",
                    added.executorId(),
                    added.workerId(),
                    added.hostPort(),
                    added.cores(),
                    added.memoryMb());
        }

        @Override
        public void executorUpdated(DeployMessages.ExecutorUpdated updated, RpcAddress sender) {
            if (updated.state().isFinished()) {
                String reason = "executor " + updated.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (updated.message() == null ? "" : ": " + updated.message());
                // A lost worker is no fault of the tasks; an executor that failed may be.
                removeExecutor(Integer.toString(updated.executorId()), reason, !updated.workerLost());
            }
        }

        @Override
        public void executorsDecommissioning(
                DeployMessages.ExecutorsDecommissioning decommissioning, RpcAddress sender) {
            if (decommissioning.executorIds() == null) {
                return;
            }
            List<String> ids = new ArrayList<>();
            for (Integer id : decommissioning.executorIds()) {
                if (id != null) {
                    ids.add(Integer.toString(id));
                }
            }
            decommissionExecutors(ids, decommissioning.reason());
        }

        @Override
        public void applicationRemoved(DeployMessages.ApplicationRemoved removed, RpcAddress sender) {
            // The reason first: a context still starting sees it as soon as it stops waiting.
            fatalError.accept("the master removed this application: " + removed.message());
            giveUp();
        }

        @Override
        public void masterChanged(DeployMessages.MasterChanged changed, RpcAddress sender) {
            LOG.info(
                    "A restarted master at {} took the application back",
                    changed.master().address());
            master = changed.master();
            changed.master().send(new DeployMessages.ApplicationReconnected(appId, client));
        }

        @Override
        public void onDisconnected(RpcAddress remote) {
            if (remote.equals(masterAddress)) {
                LOG.warn(
                        "Lost the connection to the master at {}; the application keeps its executors and waits for"
                                + " a restarted master",
                        remote);
            }
        }
    }
}
