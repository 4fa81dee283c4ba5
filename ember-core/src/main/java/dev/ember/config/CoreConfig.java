package dev.ember.config;

import dev.ember.util.ByteSizes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Settings of the core engine: scheduling, memory, shuffle, storage, listeners. */
public final class CoreConfig implements ConfigProvider {
    /** Scheduling policy between concurrent jobs. */
    public enum SchedulingMode {
        FIFO,
        FAIR
    }

    // ---- parallelism and scheduling ----

    public static final ConfigEntry<Integer> DEFAULT_PARALLELISM = ConfigEntry.key("ember.default.parallelism")
            .doc("Default number of partitions for parallelize and for shuffles without an explicit count;"
                    + " defaults to the number of task slots.")
            .intConf()
            .atLeast(1, "at least 1")
            .optional();

    public static final ConfigEntry<Integer> TASK_MAX_FAILURES = ConfigEntry.key("ember.task.maxFailures")
            .doc("Attempts of one task before its job fails (local[N,F] overrides it in local mode).")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(4);

    public static final ConfigEntry<Double> MIN_REGISTERED_RESOURCES_RATIO = ConfigEntry.key(
                    "ember.scheduler.minRegisteredResourcesRatio")
            .doc("In cluster mode, the share of the asked-for cores that must have registered before the first job"
                    + " is scheduled (waiting at most ember.scheduler.maxRegisteredResourcesWaitingTime).")
            .doubleConf()
            .between(0, true, 1, true, "in [0, 1]")
            .defaultValue(0.8);

    public static final ConfigEntry<Long> MAX_REGISTERED_RESOURCES_WAIT = ConfigEntry.key(
                    "ember.scheduler.maxRegisteredResourcesWaitingTime")
            .doc("In cluster mode, the longest the context waits at start for executors to register.")
            .timeConf(TimeUnit.MILLISECONDS)
            .nonNegative()
            .defaultString("30s");

    public static final ConfigEntry<String> DRIVER_HOST = ConfigEntry.key("ember.driver.host")
            .doc("In cluster mode, the address executors use to reach the driver; defaults to this host's name"
                    + " (127.0.0.1 for local-cluster).")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<String> DRIVER_BIND_ADDRESS = ConfigEntry.key("ember.driver.bindAddress")
            .doc("In cluster mode, the address the driver listens on; defaults to ember.driver.host.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<Integer> DRIVER_PORT = ConfigEntry.key("ember.driver.port")
            .doc("In cluster mode, the port the driver listens on (0: any free port).")
            .intConf()
            .between(0, true, 65535, true, "a port number")
            .defaultValue(0);

    public static final ConfigEntry<Long> EXECUTOR_MEMORY = ConfigEntry.key("ember.executor.memory")
            .doc("In cluster mode, the heap of each executor process.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(32L << 20, "at least 32m")
            .defaultString("1g");

    public static final ConfigEntry<Integer> EXECUTOR_CORES = ConfigEntry.key("ember.executor.cores")
            .doc("In cluster mode, the cores of each executor; unset on a standalone cluster, one executor per worker"
                    + " takes all the cores it can.")
            .intConf()
            .atLeast(1, "at least 1")
            .optional();

    public static final ConfigEntry<Integer> CORES_MAX = ConfigEntry.key("ember.cores.max")
            .doc("On a standalone cluster, the most cores the application takes over all workers; unset: all.")
            .intConf()
            .atLeast(1, "at least 1")
            .optional();

    public static final ConfigEntry<String> EXECUTOR_EXTRA_JAVA_OPTIONS = ConfigEntry.key(
                    "ember.executor.extraJavaOptions")
            .doc("In cluster mode, extra JVM options for executor processes, separated by spaces.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<List<String>> EXECUTOR_EXTRA_CLASSPATH = ConfigEntry.key(
                    "ember.executor.extraClassPath")
            .doc("In cluster mode, entries added to the class path of executor processes; a relative entry is"
                    + " resolved against the driver's working directory.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<Integer> TASK_CPUS = ConfigEntry.key("ember.task.cpus")
            .doc("Cores each task occupies.")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(1);

    public static final ConfigEntry<SchedulingMode> SCHEDULER_MODE = ConfigEntry.key("ember.scheduler.mode")
            .doc("How concurrent jobs share task slots: FIFO (first job first) or FAIR (pools with weights).")
            .enumConf(SchedulingMode.class)
            .defaultValue(SchedulingMode.FIFO);

    public static final ConfigEntry<String> SCHEDULER_ALLOCATION_FILE = ConfigEntry.key(
                    "ember.scheduler.allocation.file")
            .doc("XML file defining FAIR scheduler pools (name, schedulingMode, weight, minShare).")
            .stringConf()
            .optional();

    public static final ConfigEntry<Long> LOCALITY_WAIT = ConfigEntry.key("ember.locality.wait")
            .doc("How long to wait for a slot at a task's preferred locality before trying a worse one.")
            .timeConf(TimeUnit.MILLISECONDS)
            .defaultString("3s");

    public static final ConfigEntry<Long> REVIVE_INTERVAL = ConfigEntry.key("ember.scheduler.revive.interval")
            .doc("How often the scheduler offers free slots again even when nothing changed.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("1s");

    public static final ConfigEntry<Long> RESUBMIT_DELAY = ConfigEntry.key("ember.scheduler.resubmitDelay")
            .doc("Delay before stages that failed on a fetch failure are resubmitted, so that the failures of one"
                    + " lost executor are gathered into one resubmission.")
            .timeConf(TimeUnit.MILLISECONDS)
            .defaultString("200ms");

    public static final ConfigEntry<Integer> STAGE_MAX_CONSECUTIVE_ATTEMPTS = ConfigEntry.key(
                    "ember.stage.maxConsecutiveAttempts")
            .doc("Consecutive attempts of a stage failed by fetch failures before its job is aborted.")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(4);

    public static final ConfigEntry<Boolean> SPECULATION = ConfigEntry.key("ember.speculation")
            .doc("Launch a second copy of tasks running much longer than their siblings; the first to finish wins.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Long> SPECULATION_INTERVAL = ConfigEntry.key("ember.speculation.interval")
            .doc("How often to look for tasks to speculate.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("100ms");

    public static final ConfigEntry<Double> SPECULATION_MULTIPLIER = ConfigEntry.key("ember.speculation.multiplier")
            .doc("A task is a straggler when it has run this many times longer than the median successful task.")
            .doubleConf()
            .atLeast(1.0, "at least 1.0")
            .defaultValue(1.5);

    public static final ConfigEntry<Double> SPECULATION_QUANTILE = ConfigEntry.key("ember.speculation.quantile")
            .doc("Fraction of a stage's tasks that must finish before speculation starts.")
            .doubleConf()
            .between(0, false, 1, true, "in (0, 1]")
            .defaultValue(0.75);

    public static final ConfigEntry<Long> SPECULATION_MIN_RUNTIME = ConfigEntry.key("ember.speculation.minTaskRuntime")
            .doc("Tasks running shorter than this are never speculated.")
            .timeConf(TimeUnit.MILLISECONDS)
            .defaultString("100ms");

    public static final ConfigEntry<Long> MAX_DIRECT_RESULT_SIZE = ConfigEntry.key("ember.task.maxDirectResultSize")
            .doc("In cluster mode, task results larger than this are kept in the executor's block manager and fetched"
                    + " by the driver as a stream, instead of riding in the status message (at most"
                    + " ember.network.maxFrameSize less 64 KiB).")
            .bytesConf(ByteSizes.Unit.BYTE)
            .nonNegative()
            .defaultString("1m");

    public static final ConfigEntry<String> REPL_CLASS_DIR = ConfigEntry.key("ember.repl.class.outputDir")
            .doc("Where an interpreter (the Jupyter kernel) writes the classes it compiles from notebook cells. In"
                    + " cluster mode the driver serves them, and executors load the cells' classes and lambdas from"
                    + " the driver. Set by the kernel.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<Long> EXECUTOR_METRICS_INTERVAL = ConfigEntry.key("ember.executor.metrics.interval")
            .doc("In cluster mode, how often each executor reports its JVM's memory, GC and threads and its storage"
                    + " memory to the driver (for the UI and the metrics).")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10s");

    public static final ConfigEntry<Long> EXECUTOR_DECOMMISSION_TIMEOUT = ConfigEntry.key(
                    "ember.executor.decommission.timeout")
            .doc("In cluster mode, the longest an executor being decommissioned spends finishing its running tasks and"
                    + " handing its map outputs and cached partitions to other executors before it exits anyway (what"
                    + " it could not hand over is recomputed when needed).")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("2min");

    public static final ConfigEntry<Boolean> DECOMMISSION_SHUFFLE_BLOCKS = ConfigEntry.key(
                    "ember.storage.decommission.shuffleBlocks.enabled")
            .doc("Whether an executor being decommissioned hands its map outputs (shuffle files) to other executors.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> DECOMMISSION_RDD_BLOCKS = ConfigEntry.key(
                    "ember.storage.decommission.rddBlocks.enabled")
            .doc("Whether an executor being decommissioned copies its cached partitions to other executors.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Integer> EXECUTOR_CLASS_SCOPES = ConfigEntry.key("ember.executor.classScopes.max")
            .doc("How many job class scopes (the classes a Connect client uploaded for its RDD jobs) an executor keeps"
                    + " loaded; beyond it the least recently used without running tasks is closed, and loaded again"
                    + " by its next job.")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(32);

    public static final ConfigEntry<Long> MAX_RESULT_SIZE = ConfigEntry.key("ember.driver.maxResultSize")
            .doc("Largest total size of serialized task results of one action (collect) the driver accepts;"
                    + " 0 means no limit.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .defaultString("1g");

    public static final ConfigEntry<Long> JOB_WAIT_POLL = ConfigEntry.key("ember.job.waitPollInterval")
            .doc("How often a thread waiting for a job checks that the scheduler is still alive.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("1s");

    public static final ConfigEntry<Long> STOP_TIMEOUT = ConfigEntry.key("ember.stop.timeout")
            .doc("How long stop() waits for running tasks and internal threads to end.")
            .timeConf(TimeUnit.MILLISECONDS)
            .defaultString("30s");

    // ---- memory ----

    public static final ConfigEntry<Long> TESTING_MEMORY = ConfigEntry.key("ember.testing.memory")
            .doc("Pretend the JVM has this much memory (no reserved memory is kept): for tests of spilling and"
                    + " eviction.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .positive()
            .optional();

    public static final ConfigEntry<Long> RESERVED_MEMORY = ConfigEntry.key("ember.memory.reserved")
            .doc("Heap kept back for Ember's own objects before execution and storage memory is computed.")
            .bytesConf(ByteSizes.Unit.MIB)
            .defaultString("300m");

    public static final ConfigEntry<Double> MEMORY_FRACTION = ConfigEntry.key("ember.memory.fraction")
            .doc("Fraction of (heap - reserved) shared by execution and storage; the rest is for user objects.")
            .doubleConf()
            .between(0, false, 1, false, "in (0, 1)")
            .defaultValue(0.6);

    public static final ConfigEntry<Double> MEMORY_STORAGE_FRACTION = ConfigEntry.key("ember.memory.storageFraction")
            .doc("Part of the unified region where cached blocks are safe from eviction by execution.")
            .doubleConf()
            .between(0, true, 1, false, "in [0, 1)")
            .defaultValue(0.5);

    public static final ConfigEntry<Boolean> OFF_HEAP_ENABLED = ConfigEntry.key("ember.memory.offHeap.enabled")
            .doc("Allow off-heap memory for OFF_HEAP cached blocks.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Long> OFF_HEAP_SIZE = ConfigEntry.key("ember.memory.offHeap.size")
            .doc("Off-heap memory available when ember.memory.offHeap.enabled is true.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .defaultString("0");

    public static final ConfigEntry<Long> UNROLL_MEMORY_THRESHOLD = ConfigEntry.key(
                    "ember.storage.unrollMemoryThreshold")
            .doc("Memory reserved up front before caching a partition; more is reserved as it grows.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .defaultString("1m");

    // ---- shuffle and spill ----

    public static final ConfigEntry<Boolean> SHUFFLE_COMPRESS = ConfigEntry.key("ember.shuffle.compress")
            .doc("Compress shuffle output files.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> SHUFFLE_SPILL_COMPRESS = ConfigEntry.key("ember.shuffle.spill.compress")
            .doc("Compress data spilled to disk by shuffles and aggregations.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> BROADCAST_COMPRESS = ConfigEntry.key("ember.broadcast.compress")
            .doc("Compress broadcast pieces.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> RDD_COMPRESS = ConfigEntry.key("ember.rdd.compress")
            .doc("Compress serialized cached partitions (the _SER levels and disk).")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Long> SHUFFLE_FILE_BUFFER = ConfigEntry.key("ember.shuffle.file.buffer")
            .doc("Buffer size of each shuffle and spill file output stream.")
            .bytesConf(ByteSizes.Unit.KIB)
            .between(0, false, 64L << 20, true, "between 1b and 64m")
            .defaultString("32k");

    public static final ConfigEntry<Integer> BYPASS_MERGE_THRESHOLD = ConfigEntry.key(
                    "ember.shuffle.sort.bypassMergeThreshold")
            .doc("Shuffles without map-side aggregation and with at most this many reduce partitions write one"
                    + " file per partition and concatenate them instead of sorting.")
            .intConf()
            .defaultValue(200);

    public static final ConfigEntry<Boolean> SHUFFLE_MAP_SIDE_ORDERING = ConfigEntry.key(
                    "ember.shuffle.sort.mapSideOrdering")
            .doc("Shuffles that order keys without aggregating (sortByKey, repartitionAndSortWithinPartitions) sort"
                    + " each map task's output by key, and reduce tasks merge the sorted blocks instead of sorting"
                    + " everything they read.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Integer> SHUFFLE_MAX_MERGE_WIDTH = ConfigEntry.key(
                    "ember.shuffle.sort.maxMergeWidth")
            .doc("Most blocks sorted on the map side that a reduce task merges side by side, each with its own read"
                    + " buffers; a task reading more of them sorts what it reads instead.")
            .intConf()
            .positive()
            .defaultValue(128);

    public static final ConfigEntry<Long> SPILL_INITIAL_MEMORY = ConfigEntry.key(
                    "ember.shuffle.spill.initialMemoryThreshold")
            .doc("Memory a shuffle or aggregation buffer may use before it asks for more.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .defaultString("5m");

    public static final ConfigEntry<Long> SPILL_FORCE_ELEMENTS = ConfigEntry.key(
                    "ember.shuffle.spill.numElementsForceSpillThreshold")
            .doc("Spill an in-memory buffer after this many records whatever memory is free.")
            .longConf()
            .positive()
            .defaultValue(Long.MAX_VALUE);

    public static final ConfigEntry<Integer> SPILL_BATCH_SIZE = ConfigEntry.key("ember.shuffle.spill.batchSize")
            .doc("Records per independently readable batch in a spill file.")
            .intConf()
            .atLeast(1, "at least 1")
            .defaultValue(10_000);

    public static final ConfigEntry<Long> REDUCER_MAX_SIZE_IN_FLIGHT = ConfigEntry.key("ember.reducer.maxSizeInFlight")
            .doc("Most shuffle bytes a reduce task fetches from remote executors at once.")
            .bytesConf(ByteSizes.Unit.MIB)
            .defaultString("48m");

    // ---- storage, files, broadcast, checkpoint ----

    public static final ConfigEntry<List<String>> LOCAL_DIRS = ConfigEntry.key("ember.local.dir")
            .doc("Comma-separated directories for shuffle files, spills and disk-cached blocks;"
                    + " defaults to java.io.tmpdir.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<Long> BROADCAST_BLOCK_SIZE = ConfigEntry.key("ember.broadcast.blockSize")
            .doc("Size of the pieces a broadcast value is cut into.")
            .bytesConf(ByteSizes.Unit.KIB)
            .between(0, false, 2L << 30, false, "between 1b and 2g")
            .defaultString("4m");

    public static final ConfigEntry<Long> FILES_SPLIT_SIZE = ConfigEntry.key("ember.files.splitSize")
            .doc("Largest input split textFile makes of a file, like a distributed file system's block size.")
            .bytesConf(ByteSizes.Unit.BYTE)
            .atLeast(1024, "at least 1k")
            .defaultString("32m");

    public static final ConfigEntry<Boolean> CHECKPOINT_COMPRESS = ConfigEntry.key("ember.checkpoint.compress")
            .doc("Compress reliable checkpoint files.")
            .booleanConf()
            .defaultValue(false);

    // ---- cleaning, listeners, progress ----

    public static final ConfigEntry<Boolean> CLEANER_REFERENCE_TRACKING = ConfigEntry.key(
                    "ember.cleaner.referenceTracking")
            .doc("Remove shuffle files, cached blocks and broadcasts once the driver no longer references them.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> CLEANER_CLEAN_CHECKPOINTS = ConfigEntry.key(
                    "ember.cleaner.referenceTracking.cleanCheckpoints")
            .doc("Delete the checkpoint directory of the application when the context stops.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Long> CLEANER_PERIODIC_GC = ConfigEntry.key("ember.cleaner.periodicGC.interval")
            .doc("How often the driver runs a garbage collection so that unreferenced data gets cleaned.")
            .timeConf(TimeUnit.SECONDS)
            .defaultString("30min");

    public static final ConfigEntry<Integer> LISTENER_QUEUE_CAPACITY = ConfigEntry.key(
                    "ember.scheduler.listenerbus.eventqueue.capacity")
            .doc("Events buffered for listeners; when full, new events are dropped with a warning.")
            .intConf()
            .positive()
            .defaultValue(10_000);

    public static final ConfigEntry<List<String>> EXTRA_LISTENERS = ConfigEntry.key("ember.extraListeners")
            .doc("Comma-separated EmberListener classes registered when the context starts.")
            .stringListConf()
            .defaultValue(List.of());

    public static final ConfigEntry<Boolean> UI_ENABLED = ConfigEntry.key("ember.ui.enabled")
            .doc("Serve the application UI and its REST API (port ember.ui.port, 4040) while the context runs, when"
                    + " the module ember-ui is on the class path.")
            .booleanConf()
            .defaultValue(true);

    public static final ConfigEntry<Boolean> EVENT_LOG_ENABLED = ConfigEntry.key("ember.eventLog.enabled")
            .doc("Write every listener event to ember.eventLog.dir, for the history server (bin/ember history), when"
                    + " the module ember-ui is on the class path.")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Boolean> SHOW_CONSOLE_PROGRESS = ConfigEntry.key("ember.ui.showConsoleProgress")
            .doc("Show a progress bar for running stages on the console (bin/ember turns it on for terminals).")
            .booleanConf()
            .defaultValue(false);

    public static final ConfigEntry<Long> CONSOLE_PROGRESS_INTERVAL = ConfigEntry.key(
                    "ember.ui.consoleProgress.update.interval")
            .doc("How often the console progress bar is redrawn.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("200ms");

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                DEFAULT_PARALLELISM,
                TASK_MAX_FAILURES,
                TASK_CPUS,
                SCHEDULER_MODE,
                SCHEDULER_ALLOCATION_FILE,
                LOCALITY_WAIT,
                REVIVE_INTERVAL,
                RESUBMIT_DELAY,
                STAGE_MAX_CONSECUTIVE_ATTEMPTS,
                SPECULATION,
                SPECULATION_INTERVAL,
                SPECULATION_MULTIPLIER,
                SPECULATION_QUANTILE,
                SPECULATION_MIN_RUNTIME,
                MAX_RESULT_SIZE,
                MAX_DIRECT_RESULT_SIZE,
                EXECUTOR_DECOMMISSION_TIMEOUT,
                REPL_CLASS_DIR,
                DECOMMISSION_SHUFFLE_BLOCKS,
                DECOMMISSION_RDD_BLOCKS,
                EXECUTOR_CLASS_SCOPES,
                JOB_WAIT_POLL,
                STOP_TIMEOUT,
                TESTING_MEMORY,
                RESERVED_MEMORY,
                MEMORY_FRACTION,
                MEMORY_STORAGE_FRACTION,
                OFF_HEAP_ENABLED,
                OFF_HEAP_SIZE,
                UNROLL_MEMORY_THRESHOLD,
                SHUFFLE_COMPRESS,
                SHUFFLE_SPILL_COMPRESS,
                BROADCAST_COMPRESS,
                RDD_COMPRESS,
                SHUFFLE_FILE_BUFFER,
                BYPASS_MERGE_THRESHOLD,
                SHUFFLE_MAP_SIDE_ORDERING,
                SHUFFLE_MAX_MERGE_WIDTH,
                SPILL_INITIAL_MEMORY,
                SPILL_FORCE_ELEMENTS,
                SPILL_BATCH_SIZE,
                REDUCER_MAX_SIZE_IN_FLIGHT,
                MIN_REGISTERED_RESOURCES_RATIO,
                MAX_REGISTERED_RESOURCES_WAIT,
                DRIVER_HOST,
                DRIVER_BIND_ADDRESS,
                DRIVER_PORT,
                EXECUTOR_MEMORY,
                EXECUTOR_CORES,
                CORES_MAX,
                EXECUTOR_EXTRA_JAVA_OPTIONS,
                EXECUTOR_EXTRA_CLASSPATH,
                LOCAL_DIRS,
                BROADCAST_BLOCK_SIZE,
                FILES_SPLIT_SIZE,
                CHECKPOINT_COMPRESS,
                CLEANER_REFERENCE_TRACKING,
                CLEANER_CLEAN_CHECKPOINTS,
                CLEANER_PERIODIC_GC,
                LISTENER_QUEUE_CAPACITY,
                EXTRA_LISTENERS,
                UI_ENABLED,
                EVENT_LOG_ENABLED,
                EXECUTOR_METRICS_INTERVAL,
                SHOW_CONSOLE_PROGRESS,
                CONSOLE_PROGRESS_INTERVAL);
    }
}
