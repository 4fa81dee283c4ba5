package dev.ember.scheduler;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.events.TaskLocality;
import dev.ember.executor.DirectTaskResult;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.Serializer;
import dev.ember.util.Clock;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places tasks on executor slots. Task sets wait in a pool tree (FIFO or FAIR); when the backend offers slots,
 * task sets are asked in scheduling order, at each locality level from best to worst, for tasks to run. Task
 * outcomes are deserialized on a small pool ({@code task-result-getter}), off the backend's thread, and handed to
 * the task set's manager.
 *
 * <p>Locking: every method that touches task sets holds this object's monitor; calls out to the backend and to
 * the listener only enqueue work.
 */
public final class TaskSchedulerImpl implements TaskScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSchedulerImpl.class);

    private final EmberConf conf;
    private final Clock clock;
    private final int maxTaskFailures;
    private final int cpusPerTask;
    private final long localityWait;
    private final long maxResultSize;
    private final boolean speculation;
    private final double speculationQuantile;
    private final double speculationMultiplier;
    private final long speculationMinRuntime;
    private final JavaSerializer closureSerializer;
    private final Serializer resultSerializer;
    private final SchedulingPools pools;
    private final AtomicLong nextTaskId = new AtomicLong();

    private final Map<Integer, Map<Integer, TaskSetManager>> taskSetsByStage = new HashMap<>();
    private final Map<Long, TaskSetManager> managerByTask = new HashMap<>();
    private final Map<Long, String> executorByTask = new HashMap<>();
    private final Map<String, Set<Long>> runningByExecutor = new HashMap<>();
    private final Map<String, String> hostByExecutor = new HashMap<>();

    private volatile TaskSchedulerListener listener;
    private volatile SchedulerBackend backend;
    private ThreadPoolExecutor resultGetter;
    private ScheduledExecutorService speculationTimer;
    private volatile boolean stopped;

    /**
     * @param maxTaskFailures attempts per task before its job fails
     * @param resultSerializer the data serializer task results are written with
     */
    public TaskSchedulerImpl(EmberConf conf, Clock clock, int maxTaskFailures, Serializer resultSerializer) {
        this.conf = conf;
        this.clock = clock;
        this.maxTaskFailures = maxTaskFailures;
        this.cpusPerTask = conf.get(CoreConfig.TASK_CPUS);
        this.localityWait = conf.get(CoreConfig.LOCALITY_WAIT);
        this.maxResultSize = conf.get(CoreConfig.MAX_RESULT_SIZE);
        this.speculation = conf.get(CoreConfig.SPECULATION);
        this.speculationQuantile = conf.get(CoreConfig.SPECULATION_QUANTILE);
        this.speculationMultiplier = conf.get(CoreConfig.SPECULATION_MULTIPLIER);
        this.speculationMinRuntime = conf.get(CoreConfig.SPECULATION_MIN_RUNTIME);
        this.closureSerializer = new JavaSerializer(conf);
        this.resultSerializer = resultSerializer;
        this.pools = new SchedulingPools(conf);
    }

    @Override
    public void setListener(TaskSchedulerListener listener) {
        this.listener = listener;
    }

    /** Starts scheduling on {@code backend}. */
    public void start(SchedulerBackend backend) {
        this.backend = backend;
        // Deserializing results can be slow (large collects); it must not hold up the backend's thread.
        resultGetter = ThreadUtils.newDaemonBoundedThreadPool("task-result-getter", 4);
        backend.start();
        if (speculation) {
            long interval = conf.get(CoreConfig.SPECULATION_INTERVAL);
            // One timer thread looks for stragglers; finding one revives offers so a copy can launch.
            speculationTimer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("task-scheduler-speculation");
            speculationTimer.scheduleWithFixedDelay(
                    this::checkSpeculatableTasks, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Uses {@code backend} without starting any thread: outcomes are handled on the thread reporting them, and
     * stragglers are looked for only when {@link #checkSpeculatableTasks()} is called. For tests.
     */
    void startWithoutThreads(SchedulerBackend backend) {
        this.backend = backend;
    }

    /** The root of the scheduling pool tree. For tests. */
    Pool rootPool() {
        return pools.root();
    }

    TaskSchedulerListener listener() {
        return listener;
    }

    Clock clock() {
        return clock;
    }

    long localityWait() {
        return localityWait;
    }

    long maxResultSize() {
        return maxResultSize;
    }

    double speculationQuantile() {
        return speculationQuantile;
    }

    double speculationMultiplier() {
        return speculationMultiplier;
    }

    JavaSerializer closureSerializer() {
        return closureSerializer;
    }

    long newTaskId() {
        return nextTaskId.getAndIncrement();
    }

    synchronized int numExecutors() {
        return hostByExecutor.size();
    }

    @Override
    public void submitTasks(TaskSet taskSet) {
        synchronized (this) {
            TaskSetManager manager = new TaskSetManager(this, taskSet, maxTaskFailures);
            Map<Integer, TaskSetManager> older = taskSetsByStage.get(taskSet.stageId());
            if (older != null) {
                // An older attempt with nothing running finishes at once and leaves the map (maybe the stage too).
                for (TaskSetManager attempt : List.copyOf(older.values())) {
                    attempt.markZombie();
                }
            }
            taskSetsByStage
                    .computeIfAbsent(taskSet.stageId(), ignored -> new HashMap<>())
                    .put(taskSet.stageAttemptId(), manager);
            pools.add(manager, taskSet.properties());
            LOG.debug(
                    "Added task set {} with {} tasks",
                    taskSet.id(),
                    taskSet.tasks().size());
        }
        backend.reviveOffers();
    }

    @Override
    public synchronized void cancelTasks(int stageId, boolean interruptThread, String reason) {
        Map<Integer, TaskSetManager> attempts = taskSetsByStage.get(stageId);
        if (attempts == null) {
            return;
        }
        for (TaskSetManager manager : List.copyOf(attempts.values())) {
            for (long taskId : manager.runningTaskIds()) {
                String executorId = executorByTask.get(taskId);
                if (executorId != null) {
                    backend.killTask(taskId, executorId, interruptThread, reason);
                }
            }
            manager.markZombie();
        }
    }

    @Override
    public synchronized boolean killTaskAttempt(long taskId, boolean interruptThread, String reason) {
        String executorId = executorByTask.get(taskId);
        if (executorId == null) {
            return false;
        }
        backend.killTask(taskId, executorId, interruptThread, reason);
        return true;
    }

    /** Picks tasks for the offered slots. The result has one list per offer, in order. */
    public synchronized List<List<TaskDescription>> resourceOffers(List<WorkerOffer> offers) {
        for (WorkerOffer offer : offers) {
            if (hostByExecutor.put(offer.executorId(), offer.host()) == null) {
                runningByExecutor.putIfAbsent(offer.executorId(), new HashSet<>());
                listener.executorAdded(offer.executorId(), offer.host());
            }
        }
        List<WorkerOffer> shuffled = new ArrayList<>(offers);
        Collections.shuffle(shuffled);
        List<List<TaskDescription>> assigned = new ArrayList<>();
        int[] available = new int[shuffled.size()];
        for (int i = 0; i < shuffled.size(); i++) {
            assigned.add(new ArrayList<>());
            available[i] = shuffled.get(i).cores();
        }
        if (stopped) {
            return reorder(offers, shuffled, assigned);
        }
        for (TaskSetManager manager : pools.root().sortedTaskSetQueue()) {
            for (TaskLocality locality : manager.localityLevels()) {
                boolean launched;
                do {
                    launched = offerOnce(manager, locality, shuffled, available, assigned);
                } while (launched);
            }
        }
        return reorder(offers, shuffled, assigned);
    }

    private boolean offerOnce(
            TaskSetManager manager,
            TaskLocality locality,
            List<WorkerOffer> offers,
            int[] available,
            List<List<TaskDescription>> assigned) {
        boolean launched = false;
        for (int i = 0; i < offers.size(); i++) {
            if (available[i] < cpusPerTask) {
                continue;
            }
            WorkerOffer offer = offers.get(i);
            var task = manager.resourceOffer(offer.executorId(), offer.host(), locality);
            if (task.isPresent()) {
                TaskDescription description = task.get();
                assigned.get(i).add(description);
                managerByTask.put(description.taskId(), manager);
                executorByTask.put(description.taskId(), offer.executorId());
                runningByExecutor
                        .computeIfAbsent(offer.executorId(), ignored -> new HashSet<>())
                        .add(description.taskId());
                available[i] -= cpusPerTask;
                launched = true;
            }
        }
        return launched;
    }

    private static List<List<TaskDescription>> reorder(
            List<WorkerOffer> original, List<WorkerOffer> shuffled, List<List<TaskDescription>> assigned) {
        List<List<TaskDescription>> result = new ArrayList<>(original.size());
        for (WorkerOffer offer : original) {
            result.add(assigned.get(shuffled.indexOf(offer)));
        }
        return result;
    }

    /** An executor reports a task's new state. Called from any thread. */
    public void statusUpdate(long taskId, TaskState state, byte[] data) {
        TaskSetManager manager;
        synchronized (this) {
            manager = managerByTask.get(taskId);
            if (state.isFinished()) {
                managerByTask.remove(taskId);
                String executorId = executorByTask.remove(taskId);
                if (executorId != null) {
                    Set<Long> running = runningByExecutor.get(executorId);
                    if (running != null) {
                        running.remove(taskId);
                    }
                }
            }
        }
        if (manager == null) {
            if (state.isFinished()) {
                LOG.debug("Ignoring update for task {} in state {}: its task set is gone", taskId, state);
            }
            return;
        }
        if (state == TaskState.FINISHED) {
            enqueue(() -> handleSuccess(manager, taskId, data));
        } else if (state.isFailed()) {
            enqueue(() -> handleFailure(manager, taskId, state, data));
        }
    }

    private void enqueue(Runnable work) {
        ThreadPoolExecutor getter = resultGetter;
        if (getter == null || getter.isShutdown()) {
            work.run();
        } else {
            getter.execute(work);
        }
    }

    private void handleSuccess(TaskSetManager manager, long taskId, byte[] data) {
        try {
            DirectTaskResult result = closureSerializer.newInstance().deserialize(data);
            synchronized (this) {
                var info = manager.taskInfo(taskId);
                if (info != null) {
                    info.markGettingResult(clock.millis());
                    listener.taskGettingResult(info);
                }
                if (!manager.canFetchMoreResults(result.valueSize())) {
                    // The set is aborted; the attempt must still end, or the set would wait for it forever.
                    manager.handleFailedTask(
                            taskId,
                            TaskState.KILLED,
                            new TaskEndReason.TaskKilled(
                                    "its result is over ember.driver.maxResultSize", List.of(), result.metrics()));
                    return;
                }
            }
            Object value = result.value(resultSerializer.newInstance());
            synchronized (this) {
                manager.handleSuccessfulTask(taskId, result, value);
            }
        } catch (RuntimeException e) {
            LOG.error("Failed to read the result of task {}", taskId, e);
            synchronized (this) {
                manager.abort("Failed to read the result of task " + taskId + ": " + e.getMessage(), e);
                // After the abort, so that this failure is not retried; ending the attempt lets the set finish.
                manager.handleFailedTask(
                        taskId, TaskState.FAILED, TaskEndReason.ExceptionFailure.of(e, List.of(), null));
            }
        }
    }

    private void handleFailure(TaskSetManager manager, long taskId, TaskState state, byte[] data) {
        TaskEndReason reason;
        try {
            reason = data == null || data.length == 0
                    ? new TaskEndReason.TaskResultLost()
                    : closureSerializer.newInstance().deserialize(data);
        } catch (RuntimeException e) {
            LOG.error("Failed to read why task {} failed", taskId, e);
            reason = new TaskEndReason.ExceptionFailure(
                    e.getClass().getName(),
                    "(could not read the failure: " + e.getMessage() + ")",
                    new StackTraceElement[0],
                    null,
                    null,
                    List.of(),
                    null);
        }
        boolean revive;
        synchronized (this) {
            manager.handleFailedTask(taskId, state, reason);
            revive = !manager.isZombie() && state != TaskState.KILLED;
        }
        if (revive) {
            backend.reviveOffers();
        }
    }

    /** Called by a task set manager once it is done and nothing of it runs. */
    synchronized void taskSetFinished(TaskSetManager manager) {
        Map<Integer, TaskSetManager> attempts =
                taskSetsByStage.get(manager.taskSet().stageId());
        if (attempts != null) {
            attempts.remove(manager.taskSet().stageAttemptId());
            if (attempts.isEmpty()) {
                taskSetsByStage.remove(manager.taskSet().stageId());
            }
        }
        if (manager.parent() != null) {
            manager.parent().remove(manager);
        }
    }

    /**
     * Fails the job of a task that could not be launched at all (it is too large to send, say): its task set is
     * aborted with {@code message}, and the attempt ends as failed.
     */
    public void abortTaskSetOf(long taskId, String message) {
        EmberException error = new EmberException(ErrorClass.INVALID_RDD_USAGE, message);
        synchronized (this) {
            TaskSetManager manager = managerByTask.get(taskId);
            if (manager == null) {
                return;
            }
            manager.abort(message, error);
        }
        statusUpdate(
                taskId,
                TaskState.FAILED,
                closureSerializer.newInstance().serialize(TaskEndReason.ExceptionFailure.of(error, List.of(), null)));
    }

    /** An executor is gone for a reason unrelated to its tasks; they fail and lost outputs are recomputed. */
    public void executorLost(String executorId, String reason) {
        executorLost(executorId, reason, false);
    }

    /**
     * An executor is gone; its tasks fail (counting toward their attempts when {@code causedByApp}) and lost shuffle
     * outputs are recomputed.
     */
    public void executorLost(String executorId, String reason, boolean causedByApp) {
        synchronized (this) {
            if (hostByExecutor.remove(executorId) == null) {
                return;
            }
            for (Map<Integer, TaskSetManager> attempts : List.copyOf(taskSetsByStage.values())) {
                for (TaskSetManager manager : List.copyOf(attempts.values())) {
                    manager.executorLost(executorId, reason, causedByApp);
                }
            }
            Set<Long> running = runningByExecutor.remove(executorId);
            if (running != null) {
                for (long taskId : running) {
                    managerByTask.remove(taskId);
                    executorByTask.remove(taskId);
                }
            }
        }
        listener.executorLost(executorId, reason);
        backend.reviveOffers();
    }

    /** Marks stragglers of running task sets for speculation, and revives offers when it found one. */
    void checkSpeculatableTasks() {
        boolean found;
        synchronized (this) {
            found = !stopped && pools.root().checkSpeculatableTasks(speculationMinRuntime);
        }
        if (found) {
            backend.reviveOffers();
        }
    }

    /** Tasks running now, for tests. */
    public synchronized int runningTaskCount() {
        return managerByTask.size();
    }

    /** Task sets still scheduled, for tests. */
    public synchronized int activeTaskSetCount() {
        int count = 0;
        for (Map<Integer, TaskSetManager> attempts : taskSetsByStage.values()) {
            count += attempts.size();
        }
        return count;
    }

    @Override
    public int defaultParallelism() {
        return backend.defaultParallelism();
    }

    @Override
    public void stop() {
        stopped = true;
        Duration timeout = Duration.ofMillis(conf.get(CoreConfig.STOP_TIMEOUT));
        if (speculationTimer != null) {
            ThreadUtils.shutdownAndAwait(speculationTimer, timeout);
        }
        if (backend != null) {
            backend.stop();
        }
        if (resultGetter != null) {
            ThreadUtils.shutdownAndAwait(resultGetter, timeout);
        }
    }
}
