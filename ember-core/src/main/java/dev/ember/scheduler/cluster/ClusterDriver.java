package dev.ember.scheduler.cluster;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.EmberEnv;
import dev.ember.network.NetworkConfig;
import dev.ember.network.protocol.ManagedBuffer;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.scheduler.OutputCommitCoordinator;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.storage.RpcBlockTransferService;
import dev.ember.util.ReplClasses;
import dev.ember.util.UniqueIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a driver runs in cluster mode besides the scheduler: its RPC environment, the services executors call
 * ({@link DriverEndpoints}), its block manager reachable by executors, and the application's jars, served as streams
 * named {@code jar/NAME}, and the files added with {@code addFile} ({@link FileShipping}). Kept apart from the
 * context so that local mode never loads the network classes.
 */
public final class ClusterDriver implements AutoCloseable {
    /** The prefix of the stream names under which the application's jars are served. */
    public static final String JAR_PREFIX = "jar/";

    /** The job property naming the jars added with {@code EmberContext.addJar}, which executors fetch. */
    public static final String ADDED_JARS_PROPERTY = "ember.job.addedJars";

    /** The prefix of the streams of classes compiled by an interpreter ({@code ember.repl.class.outputDir}). */
    public static final String CLASS_PREFIX = "class/";

    /** The prefix of the streams of the values of an interpreter's variables, by class ({@link ReplVariables}). */
    public static final String REPL_STATE_PREFIX = "replstate/";

    private final String masterUrl;
    private final String appName;
    private final EmberConf conf;
    private final ClusterManager manager;
    private final RpcEnv rpcEnv;
    private final EmberEnv env;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final BlockManagerMaster blockManagerMaster;
    private final Consumer<EmberListenerEvent> events;
    private final Map<String, Path> jars;
    /** Added files by stream name: a file itself, or a zip archive of a directory. */
    private final Map<String, Path> files = new java.util.concurrent.ConcurrentHashMap<>();

    /** The application UI's address, for the cluster manager to show; empty without a UI. */
    private final java.util.function.Supplier<java.util.Optional<String>> uiUrl;

    private ClusterDriver(
            String masterUrl,
            String appName,
            EmberConf conf,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitCoordinator commitCoordinator,
            Consumer<EmberListenerEvent> events,
            java.util.function.Supplier<java.util.Optional<String>> uiUrl) {
        this.uiUrl = uiUrl;
        this.masterUrl = masterUrl;
        this.appName = appName;
        this.conf = conf;
        this.mapOutputTracker = mapOutputTracker;
        this.blockManagerMaster = blockManagerMaster;
        this.events = events;
        this.manager = ClusterManager.forMaster(masterUrl);
        this.jars = new java.util.concurrent.ConcurrentHashMap<>(servedJars(conf));
        String host = conf.get(CoreConfig.DRIVER_HOST);
        if (host.isEmpty()) {
            host = manager.defaultDriverHost(masterUrl);
        }
        if (host.isEmpty()) {
            host = RpcAddress.localHost();
        }
        String bindAddress = conf.get(CoreConfig.DRIVER_BIND_ADDRESS);
        this.rpcEnv = RpcEnv.create(
                        conf, bindAddress.isEmpty() ? host : bindAddress, host, conf.get(CoreConfig.DRIVER_PORT))
                .register(ClusterWire.MESSAGES);
        try {
            RpcBlockTransferService transfer =
                    new RpcBlockTransferService(rpcEnv, Duration.ofMillis(conf.get(NetworkConfig.NETWORK_TIMEOUT)));
            this.env = EmberEnv.createDriverEnv(
                    conf,
                    host,
                    rpcEnv.address().port(),
                    transfer,
                    mapOutputTracker,
                    blockManagerMaster,
                    commitCoordinator);
            transfer.serve(env.blockManager());
            rpcEnv.setStreamResolver(streamId -> {
                if (RpcBlockTransferService.isBlockStream(streamId)) {
                    return transfer.open(streamId);
                }
                return openStream(streamId);
            });
            DriverEndpoints.register(
                    rpcEnv,
                    mapOutputTracker,
                    blockManagerMaster,
                    commitCoordinator,
                    events,
                    Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT)));
        } catch (RuntimeException e) {
            rpcEnv.close();
            throw e;
        }
    }

    /** Starts the driver's network side for {@code masterUrl}; fails if no cluster manager handles the URL. */
    public static ClusterDriver start(
            String masterUrl,
            String appName,
            EmberConf conf,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitCoordinator commitCoordinator,
            Consumer<EmberListenerEvent> events,
            java.util.function.Supplier<java.util.Optional<String>> uiUrl) {
        return new ClusterDriver(
                masterUrl, appName, conf, mapOutputTracker, blockManagerMaster, commitCoordinator, events, uiUrl);
    }

    /** Serves one more jar to executors as {@code jar/NAME}; a different jar of the same name is refused. */
    public void serveJar(Path jar) {
        serveJar(jar.getFileName().toString(), jar);
    }

    /** Serves {@code jar} to executors under {@code name} (a job class scope's jar, named after its scope). */
    public void serveJar(String name, Path jar) {
        Path previous = jars.putIfAbsent(name, jar);
        if (previous != null && !previous.equals(jar)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "addJar: the driver already serves a jar named " + name + " from " + previous);
        }
    }

    /** Stops serving the jar {@code name} (a released class scope's); executors that fetched it keep their copy. */
    public void stopServingJar(String name) {
        jars.remove(name);
    }

    /**
     * Serves a file added with {@code EmberContext.addFile} to executors as {@link FileShipping.Entry#streamId}:
     * {@code copy} is the driver's own copy, which must not change afterwards. A directory is served as a zip archive,
     * written now into the driver's local directory (deleted when the driver's environment stops).
     */
    public void serveFile(FileShipping.Entry entry, Path copy) {
        Path served = copy;
        if (entry.directory()) {
            served = env.diskBlockManager()
                    .getFile("added-file-" + UniqueIds.randomUuid() + ".zip")
                    .toPath();
            try {
                FileShipping.writeArchive(copy, served);
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED,
                        "addFile: cannot pack the directory " + copy + " for executors: " + e.getMessage(),
                        e);
            }
        }
        files.put(entry.streamId(), served);
    }

    /** The driver's environment; its block manager serves broadcast pieces to executors. */
    public EmberEnv env() {
        return env;
    }

    public RpcEnv rpcEnv() {
        return rpcEnv;
    }

    /** The scheduler backend of the cluster manager, not started yet. */
    public CoarseGrainedSchedulerBackend createBackend(TaskSchedulerImpl scheduler, Consumer<String> fatalError) {
        return manager.createSchedulerBackend(new ClusterManager.Context(
                masterUrl,
                appName,
                conf,
                scheduler,
                rpcEnv,
                mapOutputTracker,
                blockManagerMaster,
                events,
                fatalError,
                uiUrl));
    }

    private static Map<String, Path> servedJars(EmberConf conf) {
        Map<String, Path> served = new LinkedHashMap<>();
        for (String jar : conf.get(CommonConfig.JARS)) {
            Path path = Path.of(jar).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The jar " + jar + " in ember.jars does not exist or is not a file");
            }
            String name = path.getFileName().toString();
            Path previous = served.putIfAbsent(name, path);
            if (previous != null && !previous.equals(path)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Two jars in ember.jars have the same name " + name + ": " + previous + " and " + path);
            }
        }
        return served;
    }

    private ManagedBuffer openStream(String streamId) throws Exception {
        if (streamId.startsWith(FileShipping.STREAM_PREFIX)) {
            Path file = files.get(streamId);
            if (file == null) {
                throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The driver serves no added file " + streamId);
            }
            return ManagedBuffer.ofFile(file, 0, Files.size(file));
        }
        if (streamId.startsWith(REPL_STATE_PREFIX)) {
            return openReplState(streamId.substring(REPL_STATE_PREFIX.length()));
        }
        return streamId.startsWith(CLASS_PREFIX)
                ? openClass(streamId.substring(CLASS_PREFIX.length()))
                : openJar(streamId);
    }

    /** The values of the variables of an interpreter's class, as they are now ({@link ReplVariables}). */
    private ManagedBuffer openReplState(String name) {
        Class<?> type = conf.get(CoreConfig.REPL_CLASS_DIR).isEmpty() || !ReplClassLoader.isClassName(name)
                ? null
                : ReplClasses.find(name).orElse(null);
        if (type == null) {
            throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The driver has no interpreter class " + name);
        }
        return ManagedBuffer.of(java.nio.ByteBuffer.wrap(
                ReplVariables.snapshot(type, env.closureSerializer().newInstance())));
    }

    /** A class an interpreter compiled, by binary name, from {@code ember.repl.class.outputDir}. */
    private ManagedBuffer openClass(String name) throws Exception {
        String dir = conf.get(CoreConfig.REPL_CLASS_DIR);
        if (dir.isEmpty() || !ReplClassLoader.isClassName(name)) {
            throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The driver serves no class named " + name);
        }
        Path file = Path.of(dir).resolve(name.replace('.', '/') + ".class");
        if (!Files.isRegularFile(file)) {
            throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The driver has no class " + name);
        }
        return ManagedBuffer.ofFile(file, 0, Files.size(file));
    }

    private ManagedBuffer openJar(String streamId) throws Exception {
        Path jar = streamId.startsWith(JAR_PREFIX) ? jars.get(streamId.substring(JAR_PREFIX.length())) : null;
        if (jar == null) {
            throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "The driver serves no stream named " + streamId);
        }
        return ManagedBuffer.ofFile(jar, 0, Files.size(jar));
    }

    /** Stops the RPC environment, after the backend and the driver's environment stopped. */
    @Override
    public void close() {
        rpcEnv.close();
    }
}
