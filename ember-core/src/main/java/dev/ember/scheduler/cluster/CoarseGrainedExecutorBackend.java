package dev.ember.scheduler.cluster;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.executor.EmberEnv;
import dev.ember.executor.Executor;
import dev.ember.executor.ExecutorBackend;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.executor.UserFiles;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.serializer.JavaSerializer;
import dev.ember.shuffle.MapOutputTrackerWorker;
import dev.ember.storage.BlockId;
import dev.ember.storage.RpcBlockTransferService;
import dev.ember.util.AllowedCall;
import dev.ember.util.LogLevel;
import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of an executor process. It connects to the driver, takes the application's configuration from it,
 * fetches the application's jars, builds its own {@link EmberEnv}, registers, and then runs the tasks the driver
 * sends until told to stop; before a task runs, it fetches the jars and files ({@link ExecutorFiles}) added to the
 * application since. It exits when the driver or the worker that started it goes away, so that no executor
 * outlives its application.
 *
 * <pre>
 *   java -cp ... dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend --driver-url HOST:PORT --executor-id ID
 *       --hostname HOST --cores N --app-id APP [--worker-url HOST:PORT]
 * </pre>
 *
 * The shared secret, when authentication is on, comes in the environment variable {@value NetworkConfig#SECRET_ENV}, never on
 * the command line.
 */
public final class CoarseGrainedExecutorBackend implements ExecutorBackend, RpcEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CoarseGrainedExecutorBackend.class);

    /**
     * The prefix of environment variables carrying settings that must not show on a command line (TLS passwords):
     * {@code EMBER_CONF_ember_ssl_keyStorePassword} sets {@code ember.ssl.keyStorePassword}.
     */
    public static final String CONF_ENV_PREFIX = "EMBER_CONF_";

    /** Exit code when the driver or worker went away without telling the executor to stop. */
    public static final int EXIT_ORPHANED = 3;

    /** Exit code when the executor could not start (bad arguments, driver unreachable, registration refused). */
    public static final int EXIT_START_FAILED = 2;

    /** What the command line says. */
    record Arguments(
            RpcAddress driver, String executorId, String hostname, int cores, String appId, RpcAddress worker) {
        static Arguments parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("Expected --name value pairs, got '" + name + "'");
                }
                values.put(name.substring(2), args[++i]);
            }
            String cores = require(values, "cores");
            String worker = values.get("worker-url");
            try {
                return new Arguments(
                        RpcAddress.parse(require(values, "driver-url")),
                        require(values, "executor-id"),
                        require(values, "hostname"),
                        Integer.parseInt(cores),
                        require(values, "app-id"),
                        worker == null ? null : RpcAddress.parse(worker));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cores must be a number, got '" + cores + "'", e);
            }
        }

        private static String require(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Missing --" + name);
            }
            return value;
        }
    }

    private final Arguments arguments;
    private final RpcEnv rpcEnv;
    private final RpcEndpointRef driver;
    private final MapOutputTrackerWorker mapOutputTracker;
    private final long maxDirectResultBytes;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Executor executor;
    private volatile EmberEnv env;
    private volatile int exitCode;
    private volatile ExecutorDecommission decommission;
    private volatile JarLoader jarLoader;
    private volatile ExecutorFiles files;
    private final java.util.Set<String> fetchedJars = new java.util.HashSet<>();
    private volatile dev.ember.executor.ClassScopes classScopes;
    private volatile Duration decommissionTimeout;
    private boolean decommissioning;
    private final Orders orders = new Orders();
    private volatile ExecutorMetricsReporter metricsReporter;

    private CoarseGrainedExecutorBackend(
            Arguments arguments,
            RpcEnv rpcEnv,
            RpcEndpointRef driver,
            MapOutputTrackerWorker mapOutputTracker,
            long maxDirectResultBytes) {
        this.arguments = arguments;
        this.rpcEnv = rpcEnv;
        this.driver = driver;
        this.mapOutputTracker = mapOutputTracker;
        this.maxDirectResultBytes = maxDirectResultBytes;
    }

    @AllowedCall("the executor process ends with its exit code")
    public static void main(String[] args) {
        int code;
        try {
            code = run(Arguments.parse(args));
        } catch (IllegalArgumentException e) {
            LOG.error("Bad executor command line: {}", e.getMessage());
            code = EXIT_START_FAILED;
        }
        System.exit(code);
    }

    static int run(Arguments arguments) {
        EmberConf bootConf = new EmberConf(true);
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(CONF_ENV_PREFIX)) {
                bootConf.set(name.substring(CONF_ENV_PREFIX.length()).replace('_', '.'), value, "the environment");
            }
        });
        RpcEnv rpcEnv;
        try {
            rpcEnv = RpcEnv.create(bootConf, arguments.hostname(), arguments.hostname(), 0)
                    .register(ClusterWire.MESSAGES);
        } catch (RuntimeException e) {
            LOG.error(
                    "Executor {} could not listen on {}: {}",
                    arguments.executorId(),
                    arguments.hostname(),
                    e.getMessage());
            return EXIT_START_FAILED;
        }
        CoarseGrainedExecutorBackend backend;
        try {
            backend = start(arguments, bootConf, rpcEnv);
        } catch (RuntimeException e) {
            LOG.error("Executor {} could not start: {}", arguments.executorId(), e.getMessage(), e);
            rpcEnv.close();
            return EXIT_START_FAILED;
        }
        backend.awaitStop();
        return backend.exitCode;
    }

    private static CoarseGrainedExecutorBackend start(Arguments arguments, EmberConf bootConf, RpcEnv rpcEnv) {
        Duration askTimeout = Duration.ofMillis(bootConf.get(NetworkConfig.ASK_TIMEOUT));
        RpcEndpointRef driver = rpcEnv.endpointRef(arguments.driver(), ClusterMessages.SCHEDULER);
        ClusterMessages.AppConfig appConfig =
                driver.askSync(new ClusterMessages.RetrieveAppConfig(arguments.executorId()), askTimeout);
        EmberConf conf = new EmberConf(false).setAll(appConfig.settings());
        // What this process was started with wins: the secret and settings only the worker knows.
        conf.setAll(bootConf.getAll());
        // The application's log level (ember.log.level) holds for its executors too.
        conf.getOptional(CommonConfig.LOG_LEVEL).ifPresent(LogLevel::apply);
        Duration timeout = Duration.ofMillis(conf.get(NetworkConfig.NETWORK_TIMEOUT));

        JarLoader jarLoader = fetchJars(conf, rpcEnv, arguments.driver(), timeout);
        ClassLoader userLoader = jarLoader;
        if (!conf.get(CoreConfig.REPL_CLASS_DIR).isEmpty()) {
            // The driver runs an interpreter: classes of its cells come from the driver as they are needed.
            userLoader = new ReplClassLoader(
                    userLoader, rpcEnv, arguments.driver(), timeout, new dev.ember.serializer.JavaSerializer(conf));
        }
        Thread.currentThread().setContextClassLoader(userLoader);

        RpcEndpointRef outputs = rpcEnv.endpointRef(arguments.driver(), ClusterMessages.MAP_OUTPUT_TRACKER);
        MapOutputTrackerWorker tracker = new MapOutputTrackerWorker(shuffleId -> {
            ClusterMessages.MapOutputStatuses reply =
                    outputs.askSync(new ClusterMessages.GetMapOutputStatuses(shuffleId), askTimeout);
            return new MapOutputTrackerWorker.Statuses(reply.statuses(), reply.epoch());
        });
        RemoteBlockRegistry registry = new RemoteBlockRegistry(
                rpcEnv, rpcEnv.endpointRef(arguments.driver(), ClusterMessages.BLOCK_MANAGER_MASTER), askTimeout);
        RemoteCommitAuthority commits = new RemoteCommitAuthority(
                rpcEnv.endpointRef(arguments.driver(), ClusterMessages.OUTPUT_COMMIT_COORDINATOR), askTimeout);
        RpcBlockTransferService transfer = new RpcBlockTransferService(rpcEnv, timeout);
        EmberEnv env = EmberEnv.createExecutorEnv(
                arguments.executorId(),
                conf,
                arguments.hostname(),
                rpcEnv.address().port(),
                tracker,
                registry,
                transfer,
                commits);
        transfer.serve(env.blockManager());
        rpcEnv.setStreamResolver(transfer::open);

        CoarseGrainedExecutorBackend backend = new CoarseGrainedExecutorBackend(
                arguments,
                rpcEnv,
                driver,
                tracker,
                Math.min(
                        conf.get(CoreConfig.MAX_DIRECT_RESULT_SIZE),
                        conf.get(NetworkConfig.MAX_FRAME_SIZE) - 64 * 1024));
        backend.env = env;
        backend.jarLoader = jarLoader;
        backend.classScopes = new dev.ember.executor.ClassScopes(conf.get(CoreConfig.EXECUTOR_CLASS_SCOPES));
        backend.files = new ExecutorFiles(
                Path.of(""), (streamId, target) -> fetchFile(rpcEnv, arguments.driver(), streamId, target, timeout));
        UserFiles.setDirectory(backend.files.root());
        for (String jar : conf.get(CommonConfig.JARS)) {
            backend.fetchedJars.add(Path.of(jar).getFileName().toString());
        }
        backend.executor = new Executor(arguments.executorId(), env, backend, userLoader);
        backend.decommission = new ExecutorDecommission(
                arguments.executorId(),
                backend.executor,
                env.blockManager(),
                registry,
                transfer,
                outputs,
                askTimeout,
                conf.get(CoreConfig.DECOMMISSION_SHUFFLE_BLOCKS),
                conf.get(CoreConfig.DECOMMISSION_RDD_BLOCKS));
        backend.decommissionTimeout = Duration.ofMillis(conf.get(CoreConfig.EXECUTOR_DECOMMISSION_TIMEOUT));
        RpcEndpointRef self = rpcEnv.setupEndpoint(ClusterMessages.EXECUTOR, backend);
        if (arguments.worker() != null) {
            // Holding a connection to the worker: when it closes, the worker is gone and so is this executor.
            backend.watch(arguments.worker());
        }
        driver.<Boolean>askSync(
                new ClusterMessages.RegisterExecutor(
                        arguments.executorId(), self, arguments.hostname(), arguments.cores()),
                askTimeout);
        backend.metricsReporter = ExecutorMetricsReporter.start(
                driver,
                arguments.executorId(),
                env.memoryManager(),
                Duration.ofMillis(conf.get(CoreConfig.EXECUTOR_METRICS_INTERVAL)));
        LOG.info(
                "Executor {} of {} registered with the driver at {} ({} core(s), listening on {})",
                arguments.executorId(),
                appConfig.applicationId(),
                arguments.driver(),
                arguments.cores(),
                rpcEnv.address());
        return backend;
    }

    private void watch(RpcAddress worker) {
        try {
            rpcEnv.endpointRef(worker, RpcEnv.VERIFIER);
        } catch (RuntimeException e) {
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED, "Cannot reach the worker at " + worker + ": " + e.getMessage(), e);
        }
    }

    /** A class loader over jars, to which the jars added while the application runs are appended. */
    static final class JarLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        JarLoader(ClassLoader parent) {
            super("ember-jars", new URL[0], parent);
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }
    }

    /**
     * The class loader for the application's classes: the jars of {@code ember.jars}, fetched from the driver into
     * the working directory, over this process's class path. Jars added later are appended by {@link #prepare}.
     */
    private static JarLoader fetchJars(EmberConf conf, RpcEnv rpcEnv, RpcAddress driver, Duration timeout) {
        JarLoader loader = new JarLoader(CoarseGrainedExecutorBackend.class.getClassLoader());
        List<String> names = new ArrayList<>();
        for (String jar : conf.get(CommonConfig.JARS)) {
            names.add(Path.of(jar).getFileName().toString());
        }
        try {
            for (String name : names) {
                loader.addURL(fetchJar(rpcEnv, driver, name, timeout).toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch the application's jars into " + jarDirectory(), e);
        }
        if (!names.isEmpty()) {
            LOG.info("Fetched {} jar(s) from the driver: {}", names.size(), names);
        }
        return loader;
    }

    private static Path jarDirectory() {
        return Path.of("").toAbsolutePath().resolve("jars");
    }

    /** Fetches the jar {@code name} the driver serves into the jars directory; returns where it is. */
    private static Path fetchJar(RpcEnv rpcEnv, RpcAddress driver, String name, Duration timeout) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("Not a jar name: '" + name + "'");
        }
        Path dir = jarDirectory();
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        fetchFile(rpcEnv, driver, ClusterDriver.JAR_PREFIX + name, target, timeout);
        return target;
    }

    /**
     * Jars and files added to the application since this executor started: fetched once each, before the task runs.
     */
    @Override
    public ClassLoader prepare(java.util.Properties jobProperties, ClassLoader base) throws IOException {
        files.prepare(jobProperties);
        fetchAddedJars(jobProperties);
        Duration timeout = Duration.ofMillis(env.conf().get(NetworkConfig.NETWORK_TIMEOUT));
        return classScopes.loaderFor(jobProperties, base, name -> fetchJar(rpcEnv, arguments.driver(), name, timeout));
    }

    @Override
    public void taskEnded(ClassLoader loader) {
        classScopes.done(loader);
    }

    private void fetchAddedJars(java.util.Properties jobProperties) throws IOException {
        String added = jobProperties == null ? null : jobProperties.getProperty(ClusterDriver.ADDED_JARS_PROPERTY);
        if (added == null || added.isEmpty()) {
            return;
        }
        synchronized (fetchedJars) {
            for (String name : added.split(",")) {
                if (!name.isEmpty() && !fetchedJars.contains(name)) {
                    Duration timeout = Duration.ofMillis(env.conf().get(NetworkConfig.NETWORK_TIMEOUT));
                    jarLoader.addURL(fetchJar(rpcEnv, arguments.driver(), name, timeout)
                            .toUri()
                            .toURL());
                    fetchedJars.add(name);
                    LOG.info("Executor {} fetched the added jar {} from the driver", arguments.executorId(), name);
                }
            }
        }
    }

    private static void fetchFile(RpcEnv rpcEnv, RpcAddress driver, String streamId, Path target, Duration timeout) {
        try {
            RpcBlockTransferService.streamToFile(rpcEnv, driver, streamId, target)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "Could not fetch " + streamId + " from the driver: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new EmberException(
                    ErrorClass.TIMEOUT, "Fetching " + streamId + " from the driver took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Interrupted while fetching " + streamId, e);
        }
    }

    // ---- ExecutorBackend: called from task threads ----

    @Override
    public void statusUpdate(long taskId, TaskState state, byte[] data) {
        try {
            sendStatus(taskId, state, data);
        } finally {
            ExecutorDecommission leaving = decommission;
            if (leaving != null && state.isFinished()) {
                leaving.progressed();
            }
        }
    }

    private void sendStatus(long taskId, TaskState state, byte[] data) {
        if (state == TaskState.FINISHED && data.length > maxDirectResultBytes) {
            // Kept here until the driver fetched it as a stream, which no frame limit bounds.
            BlockId.TaskResultBlockId blockId = new BlockId.TaskResultBlockId(taskId);
            if (env.blockManager()
                    .putBytes(blockId, ChunkedByteBuffer.wrap(data), StorageLevel.MEMORY_AND_DISK_SER, false)) {
                driver.send(new ClusterMessages.LargeResult(
                        arguments.executorId(), taskId, env.blockManager().blockManagerId(), blockId, data.length));
                return;
            }
            driver.send(new ClusterMessages.StatusUpdate(
                    arguments.executorId(),
                    taskId,
                    TaskState.FAILED,
                    failure("The result of task " + taskId + " (" + data.length + " bytes) could not be stored on"
                            + " executor " + arguments.executorId() + " for the driver to fetch: no memory or disk")));
            return;
        }
        driver.send(new ClusterMessages.StatusUpdate(arguments.executorId(), taskId, state, data));
    }

    private static byte[] failure(String message) {
        return new JavaSerializer(new EmberConf(false))
                .newInstance()
                .serialize(TaskEndReason.ExceptionFailure.textOnly(EmberException.class.getName(), message));
    }

    // ---- RpcEndpoint: the driver's orders, on the endpoint thread ----

    @Override
    public void receive(Object message, RpcAddress sender) {
        if (message instanceof ClusterMessages.ExecutorOrder order) {
            if (!sender.equals(arguments.driver())) {
                LOG.warn(
                        "Ignored a {} from {}, which is not the driver",
                        message.getClass().getSimpleName(),
                        sender);
                return;
            }
            order.deliver(orders, sender);
        } else {
            RpcEndpoint.super.receive(message, sender);
        }
    }

    /** The driver asks about this process (its threads, its output), for the UI. */
    @Override
    public void receiveAndReply(Object message, dev.ember.network.rpc.RpcCallContext context) {
        if (message instanceof ClusterMessages.InspectExecutor request
                && context.senderAddress().equals(arguments.driver())) {
            try {
                context.reply(ExecutorIntrospection.answer(request, Path.of("").toAbsolutePath()));
            } catch (java.io.IOException | RuntimeException e) {
                context.sendFailure(e);
            }
        } else {
            RpcEndpoint.super.receiveAndReply(message, context);
        }
    }

    private final class Orders implements ClusterMessages.ExecutorOrders {
        @Override
        public void launchTask(ClusterMessages.LaunchTask launch, RpcAddress sender) {
            mapOutputTracker.updateEpoch(launch.epoch());
            executor.launchTask(launch.task());
        }

        @Override
        public void killTask(ClusterMessages.KillTask kill, RpcAddress sender) {
            executor.killTask(kill.taskId(), kill.interruptThread(), kill.reason());
        }

        @Override
        public void stopExecutor(ClusterMessages.StopExecutor stop, RpcAddress sender) {
            LOG.info("Executor {} told to stop by the driver", arguments.executorId());
            stopped.countDown();
        }

        @Override
        public void decommissionExecutor(ClusterMessages.DecommissionExecutor decommission, RpcAddress sender) {
            if (!decommissioning) {
                decommissioning = true;
                LOG.info("Executor {} decommissioned by the driver: {}", arguments.executorId(), decommission.reason());
                ThreadUtils.newThread(
                                "executor-decommission", true, CoarseGrainedExecutorBackend.this::decommissionAndStop)
                        .start();
            }
        }
    }

    /** Hands over what can be handed over, then ends the process normally. */
    private void decommissionAndStop() {
        try {
            decommission.run(decommissionTimeout);
        } catch (RuntimeException e) {
            LOG.error("Executor {} could not hand over its blocks: {}", arguments.executorId(), e.toString(), e);
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void onDisconnected(RpcAddress remote) {
        if (remote.equals(arguments.driver()) || remote.equals(arguments.worker())) {
            String who = remote.equals(arguments.driver()) ? "driver" : "worker";
            LOG.error("Executor {} lost its {} at {}; exiting", arguments.executorId(), who, remote);
            exitCode = EXIT_ORPHANED;
            stopped.countDown();
        }
    }

    private void awaitStop() {
        try {
            // The executor lives as long as its application: wait in bounded steps until told to stop.
            while (!stopped.await(1, TimeUnit.MINUTES)) {
                LOG.debug("Executor {} running {} task(s)", arguments.executorId(), executor.runningTasks());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration timeout = Duration.ofSeconds(10);
        if (metricsReporter != null) {
            metricsReporter.close();
        }
        try {
            executor.stop(timeout);
            if (env != null) {
                env.stop();
            }
        } finally {
            rpcEnv.close();
        }
    }
}
