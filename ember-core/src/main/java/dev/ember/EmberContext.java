package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.EmberEnv;
import dev.ember.executor.WarmUp;
import dev.ember.function.TaskFunction;
import dev.ember.internal.ContextInternals;
import dev.ember.rdd.CheckpointSupport;
import dev.ember.rdd.EmptyRDD;
import dev.ember.rdd.ParallelCollectionRDD;
import dev.ember.rdd.RangeRDD;
import dev.ember.rdd.UnionRDD;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.util.CallSite;
import dev.ember.util.ClosureChecker;
import dev.ember.util.FileUtils;
import dev.ember.util.LogLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
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
 * <p>Start-up validates the configuration and master URL, then starts the driver's components in order
 * ({@link DriverComponents}).
 */
public final class EmberContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmberContext.class);

    static {
        ContextInternals.install(new ContextAccess());
    }

    /** The local property a job's scheduler pool is taken from. */
    public static final String SCHEDULER_POOL = "ember.scheduler.pool";

    private final EmberConf conf;
    private final MasterUrl master;
    private final String appName;
    private final String applicationId;
    private final long startTime;
    private final DriverComponents components;
    private final AddedJars addedJars = new AddedJars();
    private final AtomicInteger nextRddId = new AtomicInteger();
    private final AtomicInteger nextShuffleId = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final PersistentRdds persistentRdds = new PersistentRdds();
    private final Thread shutdownHook;
    private volatile String checkpointDir;
    /** Why the cluster removed the application, once it did. */
    private volatile String fatalError;
    /** Set when the constructor finished: from then on a fatal error stops the context. */
    private volatile boolean startedUp;

    private final LocalProperties localProperties = new LocalProperties();

    /** Starts a context from {@code conf} (which must set a master URL and an application name). */
    public EmberContext(EmberConf conf) {
        requireNonNull(conf, "conf is null");
        this.conf = conf.clone();
        String masterUrl = ContextStart.masterUrl(this.conf);
        this.appName = ContextStart.appName(this.conf);
        this.master = MasterUrl.parse(masterUrl, this.conf.get(CoreConfig.TASK_MAX_FAILURES));
        WarmUp.start(this.conf, !master.isCluster());
        ContextStart.checkSettings(this.conf);
        ActiveContext.claim(this);
        DriverComponents started = null;
        boolean ready = false;
        try {
            this.startTime = System.currentTimeMillis();
            started = DriverComponents.start(
                    this, this.conf, master, appName, startTime, this::stopAfterFatalError, () -> fatalError);
            this.components = started;
            this.applicationId = started.backend().applicationId();
            this.shutdownHook = dev.ember.util.ThreadUtils.newThread("ember-shutdown-hook", false, this::stopQuietly);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            ready = true;
            startedUp = true;
            if (fatalError != null) {
                // Removed between the backend's start and now.
                stopAfterFatalError(fatalError);
            }
            LOG.info(
                    "Started Ember application '{}' ({}) on {} with {} task slot(s)",
                    appName,
                    applicationId,
                    masterUrl,
                    started.taskSlots());
        } finally {
            if (!ready) {
                ContextStart.abandon(this, started);
            }
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
        return components.taskScheduler().defaultParallelism();
    }

    /** Minimum partitions for text files when none is given: at most 2. */
    public int defaultMinPartitions() {
        return Math.min(defaultParallelism(), 2);
    }

    /**
     * The driver's log level, as Spark's {@code setLogLevel} ({@link LogLevel}: ALL, TRACE, DEBUG, INFO, WARN, ERROR,
     * FATAL, OFF); {@code ember.log.level} sets it for the executors too.
     */
    public void setLogLevel(String level) {
        LogLevel.parse(requireNonNull(level, "level is null")).apply();
    }

    public boolean isStopped() {
        return stopped.get();
    }

    void checkNotStopped() {
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

    /** Distributes a local list of numbers: a {@link DoubleRDD}, with {@code sum}, {@code stats}, {@code histogram}. */
    public DoubleRDD parallelizeDoubles(List<Double> list, int numSlices) {
        return DoubleRDD.of(parallelize(list, numSlices));
    }

    public DoubleRDD parallelizeDoubles(List<Double> list) {
        return DoubleRDD.of(parallelize(list));
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
        return FileSources.textFile(this, path, minPartitions);
    }

    /** Whole text files as (file URI, content) pairs. */
    public PairRDD<String, String> wholeTextFiles(String path) {
        return wholeTextFiles(path, defaultMinPartitions());
    }

    public PairRDD<String, String> wholeTextFiles(String path, int minPartitions) {
        return FileSources.wholeTextFiles(this, path, minPartitions);
    }

    /**
     * Whole files as (file URI, {@link PortableDataStream}) pairs, for binary formats: paths as {@link #textFile}
     * takes them; the bytes are read when the stream is opened. An empty file is a pair whose stream has no bytes.
     */
    public PairRDD<String, PortableDataStream> binaryFiles(String path) {
        return binaryFiles(path, defaultMinPartitions());
    }

    /** {@link #binaryFiles(String)} in at most {@code minPartitions} partitions of similar total size. */
    public PairRDD<String, PortableDataStream> binaryFiles(String path, int minPartitions) {
        return FileSources.binaryFiles(this, path, minPartitions);
    }

    /**
     * The records of files of fixed-length binary records, {@code recordLength} bytes each, in file order; paths as
     * {@link #textFile} takes them, files read as they are. A file whose length is not a multiple of
     * {@code recordLength} fails the first action, naming the file and its length; an empty file has no records.
     */
    public RDD<byte[]> binaryRecords(String path, int recordLength) {
        return FileSources.binaryRecords(this, path, recordLength);
    }

    /** The elements written by {@code saveAsObjectFile}. */
    public <T> RDD<T> objectFile(String path) {
        return FileSources.objectFile(this, path);
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
        Broadcast<T> broadcast = components.env().broadcastManager().newBroadcast(value);
        components.cleaner().registerBroadcast(broadcast);
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
        components.cleaner().registerAccumulator(accumulator);
        return accumulator;
    }

    /** The directory reliable checkpoints are written under; a unique sub-directory is created in it. */
    public void setCheckpointDir(String directory) {
        checkpointDir = CheckpointSupport.createDirectory(requireNonNull(directory, "directory is null"));
    }

    public Optional<String> getCheckpointDir() {
        return Optional.ofNullable(checkpointDir);
    }

    // ---- jobs ----

    /** Runs {@code function} on every partition of {@code rdd}; the results in partition order. */
    public <T, U> List<U> runJob(RDD<T> rdd, TaskFunction<T, U> function) {
        return runJob(rdd, function, IntStream.range(0, rdd.getNumPartitions()).toArray());
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
            components.dagScheduler().runJob(rdd, function, partitions, callSite, resultHandler, jobProperties());
        } finally {
            if (components.progressBar() != null) {
                components.progressBar().finishAll();
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
        return JobFuture.ofJob(
                components.dagScheduler(), rdd, function, partitions, resultHandler, resultFunction, jobProperties());
    }

    /** Starts a job computing {@code dependency}'s map outputs alone (reusing those there); its value: their sizes. */
    public JobFuture<MapOutputStatistics> submitMapStage(ShuffleDependency<?> dependency) {
        checkNotStopped();
        return JobFuture.ofMapStage(components.dagScheduler(), dependency, jobProperties());
    }

    /**
     * Adds a jar for the tasks of jobs started from now on: in cluster mode the driver serves it and each executor
     * fetches it before its next task and adds it to its class loader. In local mode tasks use the driver's class
     * path, so the jar must be on it (the Jupyter kernel adds it to the interpreter as well). Adding the same jar
     * again does nothing; a different jar with the same file name is refused.
     */
    public void addJar(String path) {
        checkNotStopped();
        addedJars.add(path, components.clusterDriver() == null ? jar -> {} : components.clusterDriver()::serveJar);
    }

    /** The jars added with {@link #addJar}, in the order added. */
    public List<String> addedJars() {
        return addedJars.paths();
    }

    /**
     * Adds a file for the tasks of jobs started from now on, which find it with {@link EmberFiles#get} by its file
     * name: the driver copies it now, and in cluster mode each executor fetches that copy once, before its first task
     * of such a job. Adding a name again with the same content does nothing; other content is refused, as is a
     * directory (see {@link #addFile(String, boolean)}) and a path that does not exist.
     */
    public void addFile(String path) {
        addFile(path, false);
    }

    /** {@link #addFile(String)}; with {@code recursive}, {@code path} may be a directory, added with all it holds. */
    public void addFile(String path, boolean recursive) {
        checkNotStopped();
        components.addedFiles().add(path, recursive);
    }

    /** The thread's local properties, with the jars and files added so far for executors to fetch. */
    java.util.Properties jobProperties() {
        return components.addedFiles().withFiles(addedJars.withJars(localProperties.current()));
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
        components.dagScheduler().cancelJobGroup(groupId);
    }

    public void cancelJob(int jobId) {
        checkNotStopped();
        components.dagScheduler().cancelJob(jobId, "by the user");
    }

    public void cancelAllJobs() {
        checkNotStopped();
        components.dagScheduler().cancelAllJobs();
    }

    public void cancelStage(int stageId) {
        checkNotStopped();
        components.dagScheduler().cancelStage(stageId, "by the user");
    }

    /**
     * Sets a property of the jobs this thread (and threads it starts later) submits, such as
     * {@code ember.scheduler.pool}; null removes it. Tasks read them with {@code TaskContext.getLocalProperty}.
     */
    public void setLocalProperty(String key, String value) {
        localProperties.set(key, value);
    }

    public String getLocalProperty(String key) {
        return localProperties.get(key);
    }

    // ---- monitoring ----

    public void addListener(EmberListener listener) {
        components.listenerBus().addListener(listener);
    }

    public void removeListener(EmberListener listener) {
        components.listenerBus().removeListener(listener);
    }

    /** The application UI's address ({@code http://host:4040}), waiting for it to listen; empty without the UI. */
    public Optional<String> uiWebUrl() {
        return components.ui() == null ? Optional.empty() : components.ui().webUrl();
    }

    /** Progress of running jobs and stages. */
    public StatusTracker statusTracker() {
        return new StatusTracker(components.statusStore());
    }

    /** The RDDs persisted and still referenced, by id. */
    public Map<Integer, RDD<?>> getPersistentRDDs() {
        return persistentRdds.live();
    }

    // ---- engine internals: reached through ContextInternals, not part of the user API ----

    EmberEnv env() {
        return components.env();
    }

    DriverComponents components() {
        return components;
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
        persistentRdds.add(rdd);
        components.cleaner().registerRdd(rdd);
    }

    void unpersistRdd(int rddId) {
        components.blockManagerMaster().removeRdd(rddId);
        persistentRdds.remove(rddId);
        components.listenerBus().post(new EmberListenerEvent.UnpersistRdd(rddId));
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
            components.stop();
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
