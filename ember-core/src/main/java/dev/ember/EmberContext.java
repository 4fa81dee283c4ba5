package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.LiveListenerBus;
import dev.ember.executor.EmberEnv;
import dev.ember.executor.WarmUp;
import dev.ember.files.FileInput;
import dev.ember.function.TaskFunction;
import dev.ember.internal.ContextInternals;
import dev.ember.rdd.EmptyRDD;
import dev.ember.rdd.ObjectFileRDD;
import dev.ember.rdd.ParallelCollectionRDD;
import dev.ember.rdd.RangeRDD;
import dev.ember.rdd.TextFileRDD;
import dev.ember.rdd.UnionRDD;
import dev.ember.rdd.WholeTextFilesRDD;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.JobWaiter;
import dev.ember.scheduler.LocalSchedulerBackend;
import dev.ember.scheduler.OutputCommitCoordinator;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.scheduler.cluster.ClusterDriver;
import dev.ember.scheduler.cluster.CoarseGrainedSchedulerBackend;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.status.AppStatusStore;
import dev.ember.status.ConsoleProgressBar;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.CallSite;
import dev.ember.util.Clock;
import dev.ember.util.ClosureChecker;
import dev.ember.util.FileUtils;
import dev.ember.util.UniqueIds;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of an Ember application: it connects to where tasks run (the master URL), creates RDDs from
 * collections and files, and runs the jobs that actions start. One context may be active per JVM; stop it (or use
 * try-with-resources) to release its threads, memory and files.
 *
 * <pre>{@code
 * try (EmberContext ctx = new EmberContext(new EmberConf().setMaster("local[*]").setAppName("words"))) {
 *     ctx.textFile("README.md")
 *         .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *         .mapToPair(word -> Pair.of(word, 1))
 *         .reduceByKey(Integer::sum)
 *         .collect();
 * }
 * }</pre>
 *
 * <p>Start-up, in order: validate the configuration and master URL; start the listener bus; create the driver's
 * block manager registry, map output tracker and environment (memory, disk, shuffle, block manager, broadcast);
 * the task scheduler and its backend; the DAG scheduler; then the cleaner and, when enabled, the progress bar.
 */
public final class EmberContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmberContext.class);

    static {
        ContextInternals.install(new Internals());
    }

    /** The local property a job's scheduler pool is taken from. */
    public static final String SCHEDULER_POOL = "ember.scheduler.pool";

    private final EmberConf conf;
    private final MasterUrl master;
    private final String appName;
    private final String applicationId;
    private final long startTime;
    private final LiveListenerBus listenerBus;
    private final AppStatusStore statusStore;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final BlockManagerMaster blockManagerMaster;
    private final OutputCommitCoordinator commitCoordinator;
    private final EmberEnv env;
    private final TaskSchedulerImpl taskScheduler;
    private final SchedulerBackend backend;
    /** The network side of a cluster-mode driver; null in local mode. */
    private final ClusterDriver clusterDriver;

    private final AddedJars addedJars = new AddedJars();

    private final DAGScheduler dagScheduler;
    private final ContextCleaner cleaner;
    private final ConsoleProgressBar progressBar;
    private final Duration stopTimeout;
    private final AtomicInteger nextRddId = new AtomicInteger();
    private final AtomicInteger nextShuffleId = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<Integer, WeakReference<RDD<?>>> persistentRdds = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private volatile String checkpointDir;
    /** Why the cluster removed the application, once it did. */
    private volatile String fatalError;
    /** Set when the constructor finished: from then on a fatal error stops the context. */
    private volatile boolean startedUp;

    private final InheritableThreadLocal<Properties> localProperties = new InheritableThreadLocal<>() {
        @Override
        protected Properties childValue(Properties parent) {
            // A child thread starts with a copy: later changes on either side stay local.
            Properties copy = new Properties();
            if (parent != null) {
                copy.putAll(parent);
            }
            return copy;
        }

        @Override
        protected Properties initialValue() {
            return new Properties();
        }
    };

    /** Starts a context from {@code conf} (which must set a master URL and an application name). */
    public EmberContext(EmberConf conf) {
        requireNonNull(conf, "conf is null");
        this.conf = conf.clone();
        String masterUrl = this.conf
                .getOptional(CommonConfig.MASTER)
                .orElseThrow(
                        () -> new EmberException(
                                ErrorClass.MISSING_CONFIG,
                                "A master URL must be set: conf.setMaster(\"local[*]\"), --master local[*], or -Dember.master=..."));
        this.appName = this.conf
                .getOptional(CommonConfig.APP_NAME)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.MISSING_CONFIG,
                        "An application name must be set: conf.setAppName(\"...\") or --name ..."));
        this.master = MasterUrl.parse(masterUrl, this.conf.get(CoreConfig.TASK_MAX_FAILURES));
        WarmUp.start(this.conf, !master.isCluster());
        for (String warning : this.conf.validate()) {
            LOG.warn(warning);
        }
        // Reading every core setting once surfaces a bad value now, with its key, rather than mid-job.
        for (var entry : new CoreConfig().entries()) {
            this.conf.getOptional(entry);
        }
        ActiveContext.claim(this);
        boolean started = false;
        // What has started so far, stopped in reverse order if a later step fails.
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            this.startTime = System.currentTimeMillis();
            this.stopTimeout = Duration.ofMillis(this.conf.get(CoreConfig.STOP_TIMEOUT));
            this.listenerBus = new LiveListenerBus(this.conf.get(CoreConfig.LISTENER_QUEUE_CAPACITY));
            this.statusStore = new AppStatusStore();
            listenerBus.addListener(statusStore);
            for (EmberListener listener : ExtraListeners.load(this.conf)) {
                listenerBus.addListener(listener);
            }
            this.mapOutputTracker = new MapOutputTrackerMaster();
            this.blockManagerMaster = new BlockManagerMaster(update -> listenerBus.post(
                    new EmberListenerEvent.BlockUpdated(update.blockManagerId(), update.blockId(), update.status())));
            this.commitCoordinator = new OutputCommitCoordinator();
            if (master.isCluster()) {
                this.clusterDriver = ClusterDriver.start(
                        master.url(),
                        appName,
                        this.conf,
                        mapOutputTracker,
                        blockManagerMaster,
                        commitCoordinator,
                        listenerBus::post);
                undo.push(clusterDriver::close);
                this.env = clusterDriver.env();
            } else {
                this.clusterDriver = null;
                this.env = EmberEnv.createDriverEnv(
                        this.conf, "localhost", mapOutputTracker, blockManagerMaster, commitCoordinator);
            }
            undo.push(env::stop);
            this.taskScheduler = new TaskSchedulerImpl(this.conf, Clock.SYSTEM, master.maxFailures(), env.serializer());
            this.backend = clusterDriver != null
                    ? clusterDriver.createBackend(taskScheduler, this::stopAfterFatalError)
                    : new LocalSchedulerBackend(
                            this.conf, taskScheduler, env, master.threads(), "localhost", "local-" + startTime);
            this.dagScheduler = new DAGScheduler(
                    this.conf,
                    taskScheduler,
                    listenerBus,
                    mapOutputTracker,
                    blockManagerMaster,
                    commitCoordinator,
                    Clock.SYSTEM,
                    false);
            undo.push(() -> dagScheduler.stop(stopTimeout));
            // Before starting: a backend that fails half-way still stops what it started.
            undo.push(taskScheduler::stop);
            taskScheduler.start(backend);
            listenerBus.start();
            undo.push(() -> listenerBus.stop(stopTimeout));
            backend.awaitReady();
            if (fatalError != null) {
                throw new EmberException(
                        ErrorClass.APPLICATION_REMOVED, "The application could not start: " + fatalError);
            }
            this.applicationId = backend.applicationId();
            listenerBus.post(new EmberListenerEvent.ApplicationStart(
                    appName, applicationId, startTime, System.getProperty("user.name", "")));
            listenerBus.post(new EmberListenerEvent.EnvironmentUpdate(this.conf.getAll()));
            if (clusterDriver == null) {
                // Local mode has one executor, the driver itself.
                listenerBus.post(new EmberListenerEvent.ExecutorAdded(
                        startTime, env.executorId(), "localhost", master.threads()));
            }
            listenerBus.post(new EmberListenerEvent.BlockManagerAdded(
                    startTime,
                    env.blockManager().blockManagerId(),
                    env.memoryManager().maxOnHeapMemory(),
                    env.memoryManager().maxOffHeapMemory()));
            this.cleaner = new ContextCleaner(this, this.conf.get(CoreConfig.CLEANER_PERIODIC_GC));
            if (this.conf.get(CoreConfig.CLEANER_REFERENCE_TRACKING)) {
                cleaner.start();
                undo.push(() -> cleaner.stop(stopTimeout));
            }
            this.progressBar = this.conf.get(CoreConfig.SHOW_CONSOLE_PROGRESS)
                    ? new ConsoleProgressBar(
                            statusStore, System.err, this.conf.get(CoreConfig.CONSOLE_PROGRESS_INTERVAL))
                    : null;
            this.shutdownHook = dev.ember.util.ThreadUtils.newThread("ember-shutdown-hook", false, this::stopQuietly);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            started = true;
            startedUp = true;
            if (fatalError != null) {
                // Removed between the check above and now.
                stopAfterFatalError(fatalError);
            }
            LOG.info(
                    "Started Ember application '{}' ({}) on {} with {} task slot(s)",
                    appName,
                    applicationId,
                    masterUrl,
                    clusterDriver != null ? ((CoarseGrainedSchedulerBackend) backend).totalCores() : master.threads());
        } finally {
            if (!started) {
                abandonStart(undo);
            }
        }
    }

    /** Stops what a failed constructor had started, so no thread or directory outlives it. */
    private void abandonStart(Deque<Runnable> undo) {
        try {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (RuntimeException e) {
                    LOG.warn("Error cleaning up after a failed start", e);
                }
            }
        } finally {
            ActiveContext.release(this);
        }
    }

    /** The active context, or a new one from {@code conf}. */
    public static EmberContext getOrCreate(EmberConf conf) {
        return ActiveContext.get().orElseGet(() -> new EmberContext(conf));
    }

    /** The active context, if there is one. */
    public static Optional<EmberContext> getActive() {
        return ActiveContext.get();
    }

    // ---- identity ----

    /** A copy of the configuration the context runs with. */
    public EmberConf conf() {
        return conf.clone();
    }

    public String master() {
        return master.url();
    }

    public String appName() {
        return appName;
    }

    public String applicationId() {
        return applicationId;
    }

    public long startTime() {
        return startTime;
    }

    /** Partitions used when an operation is not told how many: {@code ember.default.parallelism} or the task slots. */
    public int defaultParallelism() {
        return taskScheduler.defaultParallelism();
    }

    /** Minimum partitions for text files when none is given: at most 2. */
    public int defaultMinPartitions() {
        return Math.min(defaultParallelism(), 2);
    }

    public boolean isStopped() {
        return stopped.get();
    }

    private void checkNotStopped() {
        if (stopped.get()) {
            throw new EmberException(ErrorClass.CONTEXT_STOPPED, "Cannot use a stopped EmberContext: create a new one");
        }
    }

    // ---- creating RDDs ----

    /** Distributes a local list over {@code numSlices} partitions. */
    public <T> RDD<T> parallelize(List<T> list, int numSlices) {
        checkNotStopped();
        requireNonNull(list, "list is null");
        return new ParallelCollectionRDD<>(this, list, numSlices);
    }

    /** Distributes a local list over {@link #defaultParallelism()} partitions. */
    public <T> RDD<T> parallelize(List<T> list) {
        return parallelize(list, defaultParallelism());
    }

    /** Distributes a local list of pairs. */
    public <K, V> PairRDD<K, V> parallelizePairs(List<Pair<K, V>> list, int numSlices) {
        return PairRDD.of(parallelize(list, numSlices));
    }

    public <K, V> PairRDD<K, V> parallelizePairs(List<Pair<K, V>> list) {
        return PairRDD.of(parallelize(list));
    }

    /** The numbers {@code start, start + step, ...} below {@code end} (above, for a negative step). */
    public RDD<Long> range(long start, long end, long step, int numSlices) {
        checkNotStopped();
        return new RangeRDD(this, start, end, step, numSlices);
    }

    /** {@code range(start, end, 1, defaultParallelism())}. */
    public RDD<Long> range(long start, long end) {
        return range(start, end, 1, defaultParallelism());
    }

    /** An RDD with no partitions and no elements. */
    public <T> RDD<T> emptyRDD() {
        checkNotStopped();
        return new EmptyRDD<>(this);
    }

    /**
     * The lines of text files: a file, a directory, a glob, or a comma-separated list of them. UTF-8; gzip files
     * ({@code .gz}) are read whole.
     */
    public RDD<String> textFile(String path) {
        return textFile(path, defaultMinPartitions());
    }

    /** {@link #textFile(String)} cut into at least about {@code minPartitions} partitions. */
    public RDD<String> textFile(String path, int minPartitions) {
        checkNotStopped();
        requireNonNull(path, "path is null");
        if (minPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "minPartitions must be positive, not " + minPartitions);
        }
        FileInput.splitPaths(path).forEach(FileInput::localPath);
        return new TextFileRDD(this, path, minPartitions, conf.get(CoreConfig.FILES_SPLIT_SIZE));
    }

    /** Whole text files as (file URI, content) pairs. */
    public PairRDD<String, String> wholeTextFiles(String path) {
        return wholeTextFiles(path, defaultMinPartitions());
    }

    public PairRDD<String, String> wholeTextFiles(String path, int minPartitions) {
        checkNotStopped();
        requireNonNull(path, "path is null");
        return PairRDD.of(new WholeTextFilesRDD(this, path, minPartitions));
    }

    /** The elements written by {@code saveAsObjectFile}. */
    public <T> RDD<T> objectFile(String path) {
        checkNotStopped();
        requireNonNull(path, "path is null");
        return new ObjectFileRDD<>(this, path);
    }

    /** The union of several RDDs. */
    public <T> RDD<T> union(List<RDD<T>> rdds) {
        checkNotStopped();
        if (rdds.isEmpty()) {
            return emptyRDD();
        }
        return UnionRDD.of(this, List.copyOf(rdds));
    }

    // ---- shared variables ----

    /** Ships {@code value} to each executor once; read it in functions with {@code broadcast.value()}. */
    public <T> Broadcast<T> broadcast(T value) {
        checkNotStopped();
        if (value instanceof RDD<?>) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "An RDD cannot be broadcast: collect() it and broadcast the result");
        }
        Broadcast<T> broadcast = env.broadcastManager().newBroadcast(value);
        cleaner.registerBroadcast(broadcast);
        return broadcast;
    }

    public LongAccumulator longAccumulator() {
        return register(new LongAccumulator(), null);
    }

    public LongAccumulator longAccumulator(String name) {
        return register(new LongAccumulator(), name);
    }

    public DoubleAccumulator doubleAccumulator() {
        return register(new DoubleAccumulator(), null);
    }

    public DoubleAccumulator doubleAccumulator(String name) {
        return register(new DoubleAccumulator(), name);
    }

    public <T> CollectionAccumulator<T> collectionAccumulator() {
        return register(new CollectionAccumulator<>(), null);
    }

    public <T> CollectionAccumulator<T> collectionAccumulator(String name) {
        return register(new CollectionAccumulator<>(), name);
    }

    /** Registers a custom accumulator so tasks' additions reach it. */
    public <A extends AccumulatorV2<?, ?>> A register(A accumulator, String name) {
        checkNotStopped();
        accumulator.register(name, false);
        cleaner.registerAccumulator(accumulator);
        return accumulator;
    }

    // ---- checkpointing ----

    /** The directory reliable checkpoints are written under; a unique sub-directory is created in it. */
    public void setCheckpointDir(String directory) {
        requireNonNull(directory, "directory is null");
        Path path =
                FileInput.localPath(directory).resolve(UniqueIds.randomUuid().toString());
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.CHECKPOINT_FAILED,
                    "Cannot create checkpoint directory " + path + ": " + e.getMessage(),
                    e);
        }
        checkpointDir = path.toString();
    }

    public Optional<String> getCheckpointDir() {
        return Optional.ofNullable(checkpointDir);
    }

    // ---- jobs ----

    /** Runs {@code function} on every partition of {@code rdd}; the results in partition order. */
    public <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> function) {
        int[] partitions = new int[rdd.getNumPartitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = i;
        }
        return runJob(rdd, function, partitions);
    }

    /** Runs {@code function} on some partitions of {@code rdd}; the results in the order of {@code partitions}. */
    public <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> function, int[] partitions) {
        List<U> results = new ArrayList<>(Collections.nCopies(partitions.length, null));
        runJob(rdd, function, partitions, results::set);
        return results;
    }

    /** Runs {@code function} on some partitions; each result goes to {@code resultHandler} as it arrives. */
    public <T, U> void runJob(
            RDD<T> rdd, TaskFunction<T, U> function, int[] partitions, BiConsumer<Integer, U> resultHandler) {
        checkNotStopped();
        CallSite callSite = CallSite.capture();
        LOG.debug("Starting job: {}", callSite.shortForm());
        try {
            dagScheduler.runJob(rdd, function, partitions, callSite, resultHandler, jobProperties());
        } finally {
            if (progressBar != null) {
                progressBar.finishAll();
            }
        }
        rdd.doCheckpoint();
    }

    /** Starts a job in the background; {@code resultFunction} builds the future's value once all results are in. */
    public <T, U, R> JobFuture<R> submitJob(
            RDD<T> rdd,
            TaskFunction<T, U> function,
            int[] partitions,
            BiConsumer<Integer, U> resultHandler,
            Supplier<R> resultFunction) {
        checkNotStopped();
        JobWaiter<U> waiter =
                dagScheduler.submitJob(rdd, function, partitions, CallSite.capture(), resultHandler, jobProperties());
        return new JobFuture<>(dagScheduler, waiter, resultFunction);
    }

    /**
     * Adds a jar for the tasks of jobs started from now on: in cluster mode the driver serves it and each executor
     * fetches it before its next task and adds it to its class loader. In local mode tasks use the driver's class
     * path, so the jar must be on it (the Jupyter kernel adds it to the interpreter as well). Adding the same jar
     * again does nothing; a different jar with the same file name is refused.
     */
    public void addJar(String path) {
        checkNotStopped();
        addedJars.add(path, clusterDriver == null ? jar -> {} : clusterDriver::serveJar);
    }

    /** The jars added with {@link #addJar}, in the order added. */
    public List<String> addedJars() {
        return addedJars.paths();
    }

    /** The thread's local properties, with the jars added so far for executors to fetch. */
    private java.util.Properties jobProperties() {
        return addedJars.withJars(localProperties.get());
    }

    /**
     * Tags the jobs this thread starts from now on with a group, for {@link #cancelJobGroup}.
     *
     * @param interruptOnCancel whether cancelling interrupts the task threads (for tasks blocked in I/O)
     */
    public void setJobGroup(String groupId, String description, boolean interruptOnCancel) {
        setLocalProperty(DAGScheduler.JOB_GROUP_ID, groupId);
        setLocalProperty(DAGScheduler.JOB_DESCRIPTION, description);
        setLocalProperty(DAGScheduler.JOB_INTERRUPT_ON_CANCEL, String.valueOf(interruptOnCancel));
    }

    public void clearJobGroup() {
        setLocalProperty(DAGScheduler.JOB_GROUP_ID, null);
        setLocalProperty(DAGScheduler.JOB_DESCRIPTION, null);
        setLocalProperty(DAGScheduler.JOB_INTERRUPT_ON_CANCEL, null);
    }

    /** A description shown for the jobs this thread starts. */
    public void setJobDescription(String description) {
        setLocalProperty(DAGScheduler.JOB_DESCRIPTION, description);
    }

    /** Cancels the running jobs of a group. */
    public void cancelJobGroup(String groupId) {
        checkNotStopped();
        dagScheduler.cancelJobGroup(groupId);
    }

    public void cancelJob(int jobId) {
        checkNotStopped();
        dagScheduler.cancelJob(jobId, "by the user");
    }

    public void cancelAllJobs() {
        checkNotStopped();
        dagScheduler.cancelAllJobs();
    }

    public void cancelStage(int stageId) {
        checkNotStopped();
        dagScheduler.cancelStage(stageId, "by the user");
    }

    /**
     * Sets a property of the jobs this thread (and threads it starts later) submits, such as
     * {@code ember.scheduler.pool}; null removes it. Tasks read them with {@code TaskContext.getLocalProperty}.
     */
    public void setLocalProperty(String key, String value) {
        if (value == null) {
            localProperties.get().remove(key);
        } else {
            localProperties.get().setProperty(key, value);
        }
    }

    public String getLocalProperty(String key) {
        return localProperties.get().getProperty(key);
    }

    // ---- monitoring ----

    public void addListener(EmberListener listener) {
        listenerBus.addListener(listener);
    }

    public void removeListener(EmberListener listener) {
        listenerBus.removeListener(listener);
    }

    /** Progress of running jobs and stages. */
    public StatusTracker statusTracker() {
        return new StatusTracker(statusStore);
    }

    /** The RDDs persisted and still referenced, by id. */
    public Map<Integer, RDD<?>> getPersistentRDDs() {
        Map<Integer, RDD<?>> result = new HashMap<>();
        persistentRdds.forEach((id, reference) -> {
            RDD<?> rdd = reference.get();
            if (rdd != null && rdd.getStorageLevel() != StorageLevel.NONE) {
                result.put(id, rdd);
            }
        });
        return result;
    }

    // ---- engine internals: reached through ContextInternals, not part of the user API ----

    EmberEnv env() {
        return env;
    }

    LiveListenerBus listenerBus() {
        return listenerBus;
    }

    ContextCleaner cleaner() {
        return cleaner;
    }

    private static final class Internals implements ContextInternals.Access {
        @Override
        public EmberEnv env(EmberContext context) {
            return context.env;
        }

        @Override
        public DAGScheduler dagScheduler(EmberContext context) {
            return context.dagScheduler;
        }

        @Override
        public TaskSchedulerImpl taskScheduler(EmberContext context) {
            return context.taskScheduler;
        }

        @Override
        public MapOutputTrackerMaster mapOutputTracker(EmberContext context) {
            return context.mapOutputTracker;
        }

        @Override
        public LiveListenerBus listenerBus(EmberContext context) {
            return context.listenerBus;
        }

        @Override
        public SchedulerBackend schedulerBackend(EmberContext context) {
            return context.backend;
        }
    }

    int newRddId() {
        return nextRddId.getAndIncrement();
    }

    int newShuffleId() {
        return nextShuffleId.getAndIncrement();
    }

    /** Checks that a function passed to {@code operation} can be shipped to executors. */
    <F> F clean(F function, String operation) {
        return ClosureChecker.check(function, operation);
    }

    void persistRdd(RDD<?> rdd) {
        persistentRdds.put(rdd.id(), new WeakReference<>(rdd));
        cleaner.registerRdd(rdd);
    }

    void unpersistRdd(int rddId) {
        blockManagerMaster.removeRdd(rddId);
        persistentRdds.remove(rddId);
        listenerBus.post(new EmberListenerEvent.UnpersistRdd(rddId));
    }

    void registerShuffleForCleanup(ShuffleDependency<?> dependency) {
        cleaner.registerShuffle(dependency);
    }

    /** Forgets a shuffle and deletes its files. */
    void cleanShuffle(int shuffleId) {
        mapOutputTracker.unregisterShuffle(shuffleId);
        blockManagerMaster.removeShuffle(shuffleId);
    }

    // ---- stopping ----

    /**
     * Stops the context: running jobs fail, threads end, cached blocks and shuffle and spill files are deleted.
     * Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
        try {
            if (progressBar != null) {
                progressBar.stop();
            }
            cleaner.stop(stopTimeout);
            dagScheduler.stop(stopTimeout);
            taskScheduler.stop();
            if (clusterDriver == null) {
                listenerBus.post(new EmberListenerEvent.ExecutorRemoved(
                        System.currentTimeMillis(), env.executorId(), "context stopped"));
            }
            listenerBus.post(new EmberListenerEvent.ApplicationEnd(System.currentTimeMillis()));
            listenerBus.stop(stopTimeout);
            env.stop();
            if (clusterDriver != null) {
                clusterDriver.close();
            }
            if (checkpointDir != null && conf.get(CoreConfig.CLEANER_CLEAN_CHECKPOINTS)) {
                FileUtils.deleteRecursively(Path.of(checkpointDir));
            }
            LOG.info("Stopped Ember application '{}' ({})", appName, applicationId);
        } finally {
            ActiveContext.release(this);
        }
    }

    /**
     * The cluster gave up on this application: it cannot run anything more, so it stops (failing its jobs), or, while
     * it is still starting, fails to start.
     */
    private void stopAfterFatalError(String message) {
        fatalError = message;
        if (startedUp) {
            LOG.error("Stopping the application: {}", message);
            dev.ember.util.ThreadUtils.newThread("ember-fatal-stop", true, this::stopQuietly)
                    .start();
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Error stopping the context at JVM exit", e);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmberContext(" + appName + ", " + master.url() + ")";
    }
}
