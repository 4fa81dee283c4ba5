package dev.ember;

import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.LiveListenerBus;
import dev.ember.executor.EmberEnv;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.LocalSchedulerBackend;
import dev.ember.scheduler.OutputCommitCoordinator;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.scheduler.cluster.ClusterDriver;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.status.AppStatusStore;
import dev.ember.status.ConsoleProgressBar;
import dev.ember.status.StatusUi;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's components, started in order by {@link #start} and stopped in reverse by {@link #stop}: the listener
 * bus and the status store; the block manager registry, the map output tracker and the commit coordinator; the
 * environment (memory, disk, shuffle, block manager, broadcast), in cluster mode through the {@link ClusterDriver};
 * the directory of added files; the task scheduler and its backend; the DAG scheduler; the cleaner and the progress
 * bar. {@link EmberContext} is the user's facade over them.
 *
 * @param clusterDriver the network side of a cluster-mode driver; null in local mode
 * @param progressBar null unless {@code ember.ui.showConsoleProgress}
 * @param ui the application UI; null when it is off or not on the class path
 */
record DriverComponents(
        LiveListenerBus listenerBus,
        AppStatusStore statusStore,
        MapOutputTrackerMaster mapOutputTracker,
        BlockManagerMaster blockManagerMaster,
        OutputCommitCoordinator commitCoordinator,
        ClusterDriver clusterDriver,
        EmberEnv env,
        AddedFiles addedFiles,
        TaskSchedulerImpl taskScheduler,
        SchedulerBackend backend,
        DAGScheduler dagScheduler,
        ContextCleaner cleaner,
        ConsoleProgressBar progressBar,
        StatusUi ui,
        Duration stopTimeout) {
    private static final Logger LOG = LoggerFactory.getLogger(EmberContext.class);

    /**
     * Starts everything {@code context} needs and waits until the backend can run the first job. If a step fails,
     * what had started is stopped in reverse order before the failure is rethrown, so no thread or directory outlives
     * it.
     *
     * @param onFatalError called when the cluster gives up on the application
     * @param removal why the cluster already gave up, or null (checked once the backend is ready)
     */
    static DriverComponents start(
            EmberContext context,
            EmberConf conf,
            MasterUrl master,
            String appName,
            long startTime,
            Consumer<String> onFatalError,
            Supplier<String> removal) {
        Duration stopTimeout = Duration.ofMillis(conf.get(CoreConfig.STOP_TIMEOUT));
        Deque<Runnable> undo = new ArrayDeque<>();
        boolean started = false;
        try {
            LiveListenerBus listenerBus = new LiveListenerBus(conf.get(CoreConfig.LISTENER_QUEUE_CAPACITY));
            AppStatusStore statusStore = new AppStatusStore();
            listenerBus.addListener(statusStore);
            for (EmberListener listener : ExtraListeners.load(conf)) {
                listenerBus.addListener(listener);
            }
            StatusUi ui = StatusUi.start(conf, listenerBus);
            if (ui != null) {
                undo.push(ui::close);
            }
            MapOutputTrackerMaster mapOutputTracker = new MapOutputTrackerMaster();
            BlockManagerMaster blockManagerMaster = new BlockManagerMaster(update -> listenerBus.post(
                    new EmberListenerEvent.BlockUpdated(update.blockManagerId(), update.blockId(), update.status())));
            OutputCommitCoordinator commitCoordinator = new OutputCommitCoordinator();
            ClusterDriver clusterDriver = null;
            EmberEnv env;
            if (master.isCluster()) {
                clusterDriver = ClusterDriver.start(
                        master.url(),
                        appName,
                        conf,
                        mapOutputTracker,
                        blockManagerMaster,
                        commitCoordinator,
                        listenerBus::post,
                        ui == null ? java.util.Optional::empty : ui::webUrl);
                undo.push(clusterDriver::close);
                env = clusterDriver.env();
            } else {
                env = EmberEnv.createDriverEnv(
                        conf, "localhost", mapOutputTracker, blockManagerMaster, commitCoordinator);
            }
            undo.push(env::stop);
            AddedFiles addedFiles = AddedFiles.start(
                    env.diskBlockManager().localDirs().get(0).getParent(),
                    clusterDriver == null ? (entry, copy) -> {} : clusterDriver::serveFile);
            undo.push(addedFiles::stop);
            TaskSchedulerImpl taskScheduler =
                    new TaskSchedulerImpl(conf, Clock.SYSTEM, master.maxFailures(), env.serializer());
            SchedulerBackend backend = clusterDriver != null
                    ? clusterDriver.createBackend(taskScheduler, onFatalError)
                    : new LocalSchedulerBackend(
                            conf, taskScheduler, env, master.threads(), "localhost", "local-" + startTime);
            if (ui != null && backend instanceof dev.ember.scheduler.cluster.CoarseGrainedSchedulerBackend cluster) {
                ui.attach(cluster.inspector());
            }
            DAGScheduler dagScheduler = new DAGScheduler(
                    conf,
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
            String removed = removal.get();
            if (removed != null) {
                throw new EmberException(ErrorClass.APPLICATION_REMOVED, "The application could not start: " + removed);
            }
            listenerBus.post(new EmberListenerEvent.ApplicationStart(
                    appName, backend.applicationId(), startTime, System.getProperty("user.name", "")));
            listenerBus.post(new EmberListenerEvent.EnvironmentUpdate(conf.getAll()));
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
            ContextCleaner cleaner = new ContextCleaner(context, conf.get(CoreConfig.CLEANER_PERIODIC_GC));
            if (conf.get(CoreConfig.CLEANER_REFERENCE_TRACKING)) {
                cleaner.start();
                undo.push(() -> cleaner.stop(stopTimeout));
            }
            ConsoleProgressBar progressBar = conf.get(CoreConfig.SHOW_CONSOLE_PROGRESS)
                    ? new ConsoleProgressBar(statusStore, System.err, conf.get(CoreConfig.CONSOLE_PROGRESS_INTERVAL))
                    : null;
            started = true;
            return new DriverComponents(
                    listenerBus,
                    statusStore,
                    mapOutputTracker,
                    blockManagerMaster,
                    commitCoordinator,
                    clusterDriver,
                    env,
                    addedFiles,
                    taskScheduler,
                    backend,
                    dagScheduler,
                    cleaner,
                    progressBar,
                    ui,
                    stopTimeout);
        } finally {
            if (!started) {
                undo(undo);
            }
        }
    }

    private static void undo(Deque<Runnable> undo) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("Error cleaning up after a failed start", e);
            }
        }
    }

    /** Task slots the application has now: local threads, or the cores of its registered executors. */
    int taskSlots() {
        return backend.totalCores();
    }

    /** Stops everything in reverse order of start: running jobs fail, threads end, files are deleted. */
    void stop() {
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
        if (ui != null) {
            ui.close();
        }
        addedFiles.stop();
        env.stop();
        if (clusterDriver != null) {
            clusterDriver.close();
        }
    }
}
