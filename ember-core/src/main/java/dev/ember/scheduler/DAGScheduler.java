package dev.ember.scheduler;

import dev.ember.AccumulatorRegistry;
import dev.ember.AccumulatorV2;
import dev.ember.Dependency;
import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.ShuffleDependency;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.LiveListenerBus;
import dev.ember.events.StageInfo;
import dev.ember.events.TaskInfo;
import dev.ember.executor.ResultTask;
import dev.ember.executor.ShuffleMapTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskBinary;
import dev.ember.executor.TaskEndReason;
import dev.ember.function.TaskFunction;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.JavaSerializer;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.CallSite;
import dev.ember.util.Clock;
import dev.ember.util.EventLoop;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns jobs into stages and stages into task sets.
 *
 * <pre>
 *   runJob(rdd, f, partitions)
 *     └─ ResultStage(rdd) ── parents: one ShuffleMapStage per shuffle dependency met walking the lineage
 *                            through narrow dependencies (each in turn with its own parents)
 *   submitStage(s): parents missing? submit them, s waits : submit s's missing partitions as a TaskSet
 *   a ShuffleMapStage completes  → its waiting children are submitted
 *   the ResultStage completes    → the job succeeds
 * </pre>
 *
 * Shuffle outputs are kept in the {@link MapOutputTrackerMaster} across jobs, so a later job that needs the same
 * shuffle finds its map stage already available and skips it; partitions whose RDD is fully cached stop the walk.
 * A fetch failure marks the lost map output missing and resubmits the map stage (only the missing partitions) and
 * then the failed stage, after a short delay that gathers the failures of one loss into one resubmission; a stage
 * failing that way {@code ember.stage.maxConsecutiveAttempts} times aborts its jobs.
 *
 * <p>All state below belongs to the event loop's thread; public methods post events. Test code may run the
 * loop on the caller's thread ({@link EventLoop#direct}).
 */
public final class DAGScheduler implements TaskSchedulerListener {
    private static final Logger LOG = LoggerFactory.getLogger(DAGScheduler.class);

    /** The local property naming a job's group, for cancellation. */
    public static final String JOB_GROUP_ID = "ember.jobGroup.id";

    public static final String JOB_DESCRIPTION = "ember.job.description";
    public static final String JOB_INTERRUPT_ON_CANCEL = "ember.job.interruptOnCancel";

    private final TaskScheduler taskScheduler;
    private final LiveListenerBus listenerBus;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final BlockManagerMaster blockManagerMaster;
    private final TaskLocalities localities;
    private final OutputCommitCoordinator commitCoordinator;
    private final Clock clock;
    private final JavaSerializer closureSerializer;
    private final int maxConsecutiveStageAttempts;
    private final long resubmitDelay;
    private final long waitPollInterval;
    private final EventLoop<DAGSchedulerEvent> eventLoop;
    private final ScheduledExecutorService timer;

    private final AtomicInteger nextJobId = new AtomicInteger();
    private int nextStageId;

    // ---- owned by the event loop ----
    private final Map<Integer, Set<Integer>> jobIdToStageIds = new HashMap<>();
    private final Map<Integer, Stage> stageIdToStage = new HashMap<>();
    private final Map<Integer, ShuffleMapStage> shuffleIdToMapStage = new HashMap<>();
    private final Map<Integer, ActiveJob> jobIdToActiveJob = new HashMap<>();
    private final Set<ActiveJob> activeJobs = new LinkedHashSet<>();
    private final Set<Stage> waitingStages = new LinkedHashSet<>();
    private final Set<Stage> runningStages = new LinkedHashSet<>();
    private final Set<Stage> failedStages = new LinkedHashSet<>();

    /**
     * @param directEvents run events on the posting thread (for tests) instead of a dedicated thread
     */
    public DAGScheduler(
            EmberConf conf,
            TaskScheduler taskScheduler,
            LiveListenerBus listenerBus,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitCoordinator commitCoordinator,
            Clock clock,
            boolean directEvents) {
        this.taskScheduler = taskScheduler;
        this.listenerBus = listenerBus;
        this.mapOutputTracker = mapOutputTracker;
        this.blockManagerMaster = blockManagerMaster;
        this.localities = new TaskLocalities(blockManagerMaster);
        this.commitCoordinator = commitCoordinator;
        this.clock = clock;
        this.closureSerializer = new JavaSerializer(conf);
        this.maxConsecutiveStageAttempts = conf.get(CoreConfig.STAGE_MAX_CONSECUTIVE_ATTEMPTS);
        this.resubmitDelay = conf.get(CoreConfig.RESUBMIT_DELAY);
        this.waitPollInterval = conf.get(CoreConfig.JOB_WAIT_POLL);
        this.eventLoop = directEvents
                ? EventLoop.direct(this::onEvent, this::onError)
                : EventLoop.threaded("dag-scheduler-event-loop", this::onEvent, this::onError);
        // Delayed resubmission of failed stages after fetch failures.
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("dag-scheduler-timer");
        taskScheduler.setListener(this);
        eventLoop.start();
    }

    // ---- public API: posts events ----

    /**
     * Submits a job computing {@code function} on {@code partitions} of {@code rdd}; results go to
     * {@code resultHandler} as tasks finish.
     */
    public <T, U> JobWaiter<U> submitJob(
            RDD<T> rdd,
            TaskFunction<T, U> function,
            int[] partitions,
            CallSite callSite,
            BiConsumer<Integer, U> resultHandler,
            Properties properties) {
        int maxPartitions = rdd.getNumPartitions();
        for (int partition : partitions) {
            if (partition < 0 || partition >= maxPartitions) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Attempted to run a job on partition " + partition + " of " + rdd + ", which has "
                                + maxPartitions + " partitions");
            }
        }
        int jobId = nextJobId.getAndIncrement();
        JobWaiter<U> waiter = new JobWaiter<>(this, jobId, partitions.length, resultHandler);
        if (partitions.length == 0) {
            long now = clock.millis();
            listenerBus.post(new EmberListenerEvent.JobStart(jobId, now, List.of(), copy(properties)));
            listenerBus.post(new EmberListenerEvent.JobEnd(jobId, now, new JobResult.JobSucceeded()));
            return waiter;
        }
        eventLoop.post(new DAGSchedulerEvent.JobSubmitted(
                jobId, rdd, function, partitions.clone(), callSite, waiter, copy(properties)));
        return waiter;
    }

    /** Runs a job and waits for it; a failure is rethrown with the job's error. */
    public <T, U> void runJob(
            RDD<T> rdd,
            TaskFunction<T, U> function,
            int[] partitions,
            CallSite callSite,
            BiConsumer<Integer, U> resultHandler,
            Properties properties) {
        JobWaiter<U> waiter = submitJob(rdd, function, partitions, callSite, resultHandler, properties);
        long start = System.nanoTime();
        awaitJob(waiter);
        LOG.info(
                "Job {} finished: {}, took {} ms",
                waiter.jobId(),
                callSite.shortForm(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * Waits for a job. The wait is in slices of {@code ember.job.waitPollInterval}; between slices the scheduler's
     * liveness is checked, so a waiting thread never outlives a dead scheduler. Interrupting the waiting thread
     * cancels the job; so does the waiting thread being stopped any other way (an interpreter stopping a notebook
     * cell), in which case its running tasks are interrupted too.
     */
    public void awaitJob(JobWaiter<?> waiter) {
        boolean ended = false;
        try {
            awaitCompletion(waiter);
            ended = true;
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        } finally {
            if (!ended && !waiter.completion().isDone()) {
                waiter.cancel("the thread waiting for it was stopped", true);
            }
        }
    }

    private void awaitCompletion(JobWaiter<?> waiter) {
        while (true) {
            try {
                waiter.completion().get(waitPollInterval, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (!eventLoop.isActive()) {
                    throw new EmberException(
                            ErrorClass.CONTEXT_STOPPED,
                            "Job " + waiter.jobId() + " cannot finish: the scheduler has stopped");
                }
            } catch (InterruptedException e) {
                waiter.cancel("the thread waiting for it was interrupted");
                Thread.currentThread().interrupt();
                throw new EmberException(
                        ErrorClass.JOB_CANCELLED,
                        "Job " + waiter.jobId() + " cancelled: the waiting thread was interrupted",
                        e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof EmberException ember) {
                    // Rethrow a fresh exception so the stack shows the caller, keeping the original as cause.
                    throw new EmberException(
                            ember.errorClass(), ember.detail(), ember.getCause() != null ? ember.getCause() : ember);
                }
                throw new EmberException(ErrorClass.JOB_ABORTED, "Job " + waiter.jobId() + " failed: " + cause, cause);
            }
        }
    }

    public void cancelJob(int jobId, String reason) {
        cancelJob(jobId, reason, false);
    }

    /** Cancels a job; with {@code interruptThreads} its task threads are interrupted whatever the job asked. */
    public void cancelJob(int jobId, String reason, boolean interruptThreads) {
        eventLoop.post(new DAGSchedulerEvent.JobCancelled(jobId, reason, interruptThreads));
    }

    public void cancelJobGroup(String groupId) {
        eventLoop.post(new DAGSchedulerEvent.JobGroupCancelled(groupId, "part of cancelled job group " + groupId));
    }

    public void cancelAllJobs() {
        eventLoop.post(new DAGSchedulerEvent.AllJobsCancelled("as part of cancellation of all jobs"));
    }

    public void cancelStage(int stageId, String reason) {
        eventLoop.post(new DAGSchedulerEvent.StageCancelled(stageId, reason));
    }

    /** Runs {@code action} on the event loop and waits for it (bounded); for tests and status queries. */
    public void probe(Runnable action, Duration timeout) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        eventLoop.post(new DAGSchedulerEvent.Probe(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }));
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.TIMEOUT, "Interrupted while probing the DAG scheduler", e);
        } catch (ExecutionException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Probe failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmberException(ErrorClass.TIMEOUT, "The DAG scheduler did not answer within " + timeout);
        }
    }

    /** Whether the scheduler still runs. */
    public boolean isActive() {
        return eventLoop.isActive();
    }

    // ---- TaskSchedulerListener: posts events ----

    @Override
    public void taskStarted(Task<?> task, TaskInfo info) {
        eventLoop.post(new DAGSchedulerEvent.BeginEvent(task, info));
    }

    @Override
    public void taskGettingResult(TaskInfo info) {
        eventLoop.post(new DAGSchedulerEvent.GettingResultEvent(info));
    }

    @Override
    public void taskEnded(
            Task<?> task,
            TaskEndReason reason,
            Object result,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics,
            TaskInfo info) {
        eventLoop.post(new DAGSchedulerEvent.CompletionEvent(task, reason, result, accumulatorUpdates, metrics, info));
    }

    @Override
    public void executorAdded(String executorId, String host) {
        eventLoop.post(new DAGSchedulerEvent.ExecutorAdded(executorId, host));
    }

    @Override
    public void executorLost(String executorId, String reason) {
        eventLoop.post(new DAGSchedulerEvent.ExecutorLost(executorId, reason));
    }

    @Override
    public java.util.Set<Long> mapOutputsMovedFrom(String executorId) {
        return mapOutputTracker.movedFrom(executorId);
    }

    @Override
    public void taskSetFailed(TaskSet taskSet, String reason, Throwable exception) {
        eventLoop.post(new DAGSchedulerEvent.TaskSetFailed(taskSet, reason, exception));
    }

    @Override
    public void speculativeTaskSubmitted(Task<?> task, int taskIndex) {
        eventLoop.post(new DAGSchedulerEvent.SpeculativeTaskSubmitted(task, taskIndex));
    }

    // ---- the event loop ----

    private void onEvent(DAGSchedulerEvent event) {
        if (event instanceof DAGSchedulerEvent.CompletionEvent completion) {
            handleTaskCompletion(completion);
        } else if (event instanceof DAGSchedulerEvent.BeginEvent begin) {
            Stage stage = stageIdToStage.get(begin.task().stageId());
            int attempt = stage == null ? -1 : stage.latestInfo().attemptNumber();
            listenerBus.post(new EmberListenerEvent.TaskStart(begin.task().stageId(), attempt, begin.info()));
        } else if (event instanceof DAGSchedulerEvent.GettingResultEvent getting) {
            listenerBus.post(new EmberListenerEvent.TaskGettingResult(getting.info()));
        } else if (event instanceof DAGSchedulerEvent.JobSubmitted submitted) {
            handleJobSubmitted(submitted);
        } else if (event instanceof DAGSchedulerEvent.JobCancelled cancelled) {
            handleJobCancellation(cancelled.jobId(), cancelled.reason(), cancelled.interruptThreads());
        } else if (event instanceof DAGSchedulerEvent.JobGroupCancelled group) {
            for (ActiveJob job : List.copyOf(activeJobs)) {
                if (job.properties() != null
                        && group.groupId().equals(job.properties().getProperty(JOB_GROUP_ID))) {
                    handleJobCancellation(job.jobId(), group.reason(), false);
                }
            }
        } else if (event instanceof DAGSchedulerEvent.AllJobsCancelled all) {
            for (ActiveJob job : List.copyOf(activeJobs)) {
                handleJobCancellation(job.jobId(), all.reason(), false);
            }
        } else if (event instanceof DAGSchedulerEvent.StageCancelled stage) {
            Stage found = stageIdToStage.get(stage.stageId());
            if (found != null) {
                for (ActiveJob job : jobsDependingOn(found)) {
                    failJobAndIndependentStages(
                            job,
                            ErrorClass.JOB_CANCELLED,
                            "Job " + job.jobId() + " cancelled because stage " + stage.stageId() + " was cancelled ("
                                    + stage.reason() + ")",
                            null);
                }
            }
        } else if (event instanceof DAGSchedulerEvent.TaskSetFailed failed) {
            Stage stage = stageIdToStage.get(failed.taskSet().stageId());
            if (stage != null) {
                abortStage(stage, failed.reason(), failed.exception());
            }
        } else if (event instanceof DAGSchedulerEvent.ResubmitFailedStages) {
            resubmitFailedStages();
        } else if (event instanceof DAGSchedulerEvent.ExecutorLost lost) {
            handleExecutorLost(lost.executorId(), lost.reason());
        } else if (event instanceof DAGSchedulerEvent.ExecutorAdded added) {
            LOG.debug("Executor {} added on {}", added.executorId(), added.host());
        } else if (event instanceof DAGSchedulerEvent.SpeculativeTaskSubmitted speculative) {
            Stage stage = stageIdToStage.get(speculative.task().stageId());
            int attempt = stage == null ? -1 : stage.latestInfo().attemptNumber();
            listenerBus.post(new EmberListenerEvent.SpeculativeTaskSubmitted(
                    speculative.task().stageId(), attempt, speculative.taskIndex()));
        } else if (event instanceof DAGSchedulerEvent.Probe probe) {
            probe.action().run();
        }
    }

    /** A bug in the handler: fail every job rather than leave callers waiting. */
    private void onError(Throwable error) {
        for (ActiveJob job : List.copyOf(activeJobs)) {
            failJobAndIndependentStages(
                    job,
                    ErrorClass.INTERNAL_ERROR,
                    "Job " + job.jobId() + " aborted by an internal scheduler error: " + error,
                    error);
        }
    }

    // ---- jobs and stages ----

    private void handleJobSubmitted(DAGSchedulerEvent.JobSubmitted event) {
        ResultStage finalStage;
        try {
            finalStage = createResultStage(
                    event.rdd(), event.function(), event.partitions(), event.jobId(), event.callSite());
        } catch (RuntimeException e) {
            // Creating stages computes partitions: a missing input path surfaces here.
            LOG.debug("Creating the stages of job {} failed", event.jobId(), e);
            long now = clock.millis();
            listenerBus.post(new EmberListenerEvent.JobStart(event.jobId(), now, List.of(), event.properties()));
            Exception error = e instanceof EmberException
                    ? e
                    : new EmberException(ErrorClass.JOB_ABORTED, "Job " + event.jobId() + " could not start: " + e, e);
            event.listener().jobFailed(error);
            listenerBus.post(new EmberListenerEvent.JobEnd(event.jobId(), now, new JobResult.JobFailed(error)));
            return;
        }
        ActiveJob job =
                new ActiveJob(event.jobId(), finalStage, event.callSite(), event.listener(), event.properties());
        localities.clear();
        jobIdToActiveJob.put(job.jobId(), job);
        activeJobs.add(job);
        finalStage.setActiveJob(job);
        List<StageInfo> stageInfos = new ArrayList<>();
        for (int stageId : jobIdToStageIds.getOrDefault(job.jobId(), Set.of())) {
            Stage stage = stageIdToStage.get(stageId);
            if (stage != null) {
                stageInfos.add(stage.latestInfo());
            }
        }
        LOG.info(
                "Got job {} ({}) with {} output partitions",
                job.jobId(),
                event.callSite().shortForm(),
                event.partitions().length);
        listenerBus.post(new EmberListenerEvent.JobStart(job.jobId(), clock.millis(), stageInfos, event.properties()));
        submitStage(finalStage);
    }

    private ResultStage createResultStage(
            RDD<?> rdd, TaskFunction<?, ?> function, int[] partitions, int jobId, CallSite callSite) {
        List<Stage> parents = getOrCreateParentStages(rdd, jobId);
        int id = nextStageId++;
        ResultStage stage = new ResultStage(id, rdd, function, partitions, parents, jobId, callSite);
        stageIdToStage.put(id, stage);
        updateJobIdStageIdMaps(jobId, stage);
        return stage;
    }

    private List<Stage> getOrCreateParentStages(RDD<?> rdd, int firstJobId) {
        List<Stage> parents = new ArrayList<>();
        for (ShuffleDependency<?> dependency : shuffleDependencies(rdd)) {
            parents.add(getOrCreateShuffleMapStage(dependency, firstJobId));
        }
        return parents;
    }

    /** The shuffle dependencies met walking back from {@code rdd} through narrow dependencies. */
    static List<ShuffleDependency<?>> shuffleDependencies(RDD<?> rdd) {
        List<ShuffleDependency<?>> found = new ArrayList<>();
        Set<Integer> visited = new HashSet<>();
        ArrayDeque<RDD<?>> pending = new ArrayDeque<>();
        pending.push(rdd);
        while (!pending.isEmpty()) {
            RDD<?> current = pending.pop();
            if (!visited.add(current.id())) {
                continue;
            }
            for (Dependency<?> dependency : current.dependencies()) {
                if (dependency instanceof ShuffleDependency<?> shuffle) {
                    found.add(shuffle);
                } else {
                    pending.push(dependency.rdd());
                }
            }
        }
        return found;
    }

    private ShuffleMapStage getOrCreateShuffleMapStage(ShuffleDependency<?> dependency, int firstJobId) {
        ShuffleMapStage existing = shuffleIdToMapStage.get(dependency.shuffleId());
        if (existing != null) {
            return existing;
        }
        return createShuffleMapStage(dependency, firstJobId);
    }

    private ShuffleMapStage createShuffleMapStage(ShuffleDependency<?> dependency, int jobId) {
        RDD<?> rdd = dependency.rdd();
        int numTasks = rdd.getNumPartitions();
        List<Stage> parents = getOrCreateParentStages(rdd, jobId);
        int id = nextStageId++;
        ShuffleMapStage stage =
                new ShuffleMapStage(id, numTasks, parents, jobId, rdd.creationSite(), dependency, mapOutputTracker);
        stageIdToStage.put(id, stage);
        shuffleIdToMapStage.put(dependency.shuffleId(), stage);
        updateJobIdStageIdMaps(jobId, stage);
        if (!mapOutputTracker.containsShuffle(dependency.shuffleId())) {
            mapOutputTracker.registerShuffle(dependency.shuffleId(), numTasks);
        }
        return stage;
    }

    private void updateJobIdStageIdMaps(int jobId, Stage stage) {
        ArrayDeque<Stage> pending = new ArrayDeque<>();
        pending.push(stage);
        while (!pending.isEmpty()) {
            Stage current = pending.pop();
            if (current.jobIds().add(jobId)) {
                jobIdToStageIds
                        .computeIfAbsent(jobId, ignored -> new LinkedHashSet<>())
                        .add(current.id());
                for (Stage parent : current.parents()) {
                    pending.push(parent);
                }
            }
        }
    }

    private Integer activeJobForStage(Stage stage) {
        for (int jobId : stage.jobIds().stream().sorted().toList()) {
            if (jobIdToActiveJob.containsKey(jobId)) {
                return jobId;
            }
        }
        return null;
    }

    private void submitStage(Stage stage) {
        Integer jobId = activeJobForStage(stage);
        if (jobId == null) {
            abortStage(stage, "No active job for stage " + stage.id(), null);
            return;
        }
        if (waitingStages.contains(stage) || runningStages.contains(stage) || failedStages.contains(stage)) {
            return;
        }
        List<Stage> missing = missingParentStages(stage);
        if (missing.isEmpty()) {
            submitMissingTasks(stage, jobId);
        } else {
            for (Stage parent : missing) {
                submitStage(parent);
            }
            waitingStages.add(stage);
        }
    }

    /** Parent stages whose output is not available, skipping RDDs whose every partition is cached. */
    private List<Stage> missingParentStages(Stage stage) {
        Set<Stage> missing = new LinkedHashSet<>();
        Set<Integer> visited = new HashSet<>();
        ArrayDeque<RDD<?>> pending = new ArrayDeque<>();
        pending.push(stage.rdd());
        while (!pending.isEmpty()) {
            RDD<?> rdd = pending.pop();
            if (!visited.add(rdd.id())) {
                continue;
            }
            boolean hasUncachedPartitions =
                    localities.cacheLocations(rdd).stream().anyMatch(List::isEmpty);
            if (!hasUncachedPartitions) {
                continue;
            }
            for (Dependency<?> dependency : rdd.dependencies()) {
                if (dependency instanceof ShuffleDependency<?> shuffle) {
                    ShuffleMapStage mapStage = getOrCreateShuffleMapStage(shuffle, stage.firstJobId());
                    if (!mapStage.isAvailable()) {
                        missing.add(mapStage);
                    }
                } else {
                    pending.push(dependency.rdd());
                }
            }
        }
        List<Stage> ordered = new ArrayList<>(missing);
        ordered.sort(Comparator.comparingInt(Stage::id));
        return ordered;
    }

    private void submitMissingTasks(Stage stage, int jobId) {
        List<Integer> partitionsToCompute = stage.findMissingPartitions();
        ActiveJob job = jobIdToActiveJob.get(jobId);
        Properties properties = job == null ? new Properties() : job.properties();
        runningStages.add(stage);
        if (stage instanceof ShuffleMapStage shuffleStage) {
            shuffleStage.pendingPartitions().clear();
        } else {
            commitCoordinator.stageStart(stage.id());
        }

        List<List<TaskLocation>> locations = new ArrayList<>();
        try {
            for (int id : partitionsToCompute) {
                int partition = stage instanceof ResultStage result ? result.partitions()[id] : id;
                locations.add(localities.preferredLocations(stage.rdd(), partition));
            }
        } catch (RuntimeException e) {
            stage.makeNewStageAttempt(partitionsToCompute.size());
            listenerBus.post(new EmberListenerEvent.StageSubmitted(stage.latestInfo(), properties));
            abortStage(stage, "Failed to compute the preferred locations of " + stage + ": " + e, e);
            runningStages.remove(stage);
            return;
        }

        stage.makeNewStageAttempt(partitionsToCompute.size());
        stage.latestInfo().markSubmitted(clock.millis());
        listenerBus.post(new EmberListenerEvent.StageSubmitted(stage.latestInfo(), properties));

        byte[] taskBinary;
        try {
            TaskBinary binary = stage instanceof ShuffleMapStage shuffleStage
                    ? new TaskBinary(stage.rdd(), shuffleStage.dependency())
                    : new TaskBinary(stage.rdd(), ((ResultStage) stage).function());
            taskBinary = closureSerializer.newInstance().serialize(binary);
        } catch (EmberException e) {
            abortStage(stage, "Task not serializable: " + e.detail(), e);
            runningStages.remove(stage);
            return;
        } catch (RuntimeException e) {
            abortStage(stage, "Task serialization failed: " + e, e);
            runningStages.remove(stage);
            return;
        }

        List<Partition> rddPartitions = stage.rdd().partitions();
        int attempt = stage.latestInfo().attemptNumber();
        List<Task<?>> tasks = new ArrayList<>(partitionsToCompute.size());
        for (int id : partitionsToCompute) {
            if (stage instanceof ShuffleMapStage shuffleStage) {
                shuffleStage.pendingPartitions().add(id);
                tasks.add(new ShuffleMapTask(
                        stage.id(), attempt, jobId, rddPartitions.get(id), rddPartitions.size(), taskBinary));
            } else {
                ResultStage result = (ResultStage) stage;
                int partition = result.partitions()[id];
                tasks.add(new ResultTask<>(
                        stage.id(),
                        attempt,
                        jobId,
                        rddPartitions.get(partition),
                        rddPartitions.size(),
                        taskBinary,
                        id));
            }
        }
        if (!tasks.isEmpty()) {
            LOG.info(
                    "Submitting {} missing tasks from {} ({})",
                    tasks.size(),
                    stage,
                    stage.callSite().shortForm());
            taskScheduler.submitTasks(new TaskSet(tasks, stage.id(), attempt, jobId, properties, locations));
        } else {
            markStageAsFinished(stage, null);
            if (stage instanceof ShuffleMapStage) {
                submitWaitingChildStages(stage);
            }
        }
    }

    private void submitWaitingChildStages(Stage parent) {
        List<Stage> children = new ArrayList<>();
        for (Stage waiting : waitingStages) {
            if (waiting.parents().contains(parent)) {
                children.add(waiting);
            }
        }
        children.sort(Comparator.comparingInt(Stage::firstJobId));
        waitingStages.removeAll(children);
        for (Stage child : children) {
            submitStage(child);
        }
    }

    private void markStageAsFinished(Stage stage, String errorMessage) {
        StageInfo info = stage.latestInfo();
        long now = clock.millis();
        if (info.submissionTime() == 0) {
            info.markSubmitted(now);
        }
        if (errorMessage == null) {
            info.markCompleted(now);
            // Only consecutive failed attempts count towards ember.stage.maxConsecutiveAttempts: a stage reused by
            // a long job must not be aborted by unrelated failures far apart.
            stage.failedAttemptIds().clear();
            LOG.info("{} ({}) finished in {} ms", stage, stage.callSite().shortForm(), now - info.submissionTime());
        } else {
            info.markFailed(errorMessage, now);
            LOG.info("{} ({}) failed: {}", stage, stage.callSite().shortForm(), errorMessage);
        }
        if (stage instanceof ResultStage) {
            commitCoordinator.stageEnd(stage.id());
        }
        listenerBus.post(new EmberListenerEvent.StageCompleted(info));
        runningStages.remove(stage);
    }

    // ---- task completion ----

    private void handleTaskCompletion(DAGSchedulerEvent.CompletionEvent event) {
        Task<?> task = event.task();
        TaskEndReason reason = event.reason();
        Stage stage = stageIdToStage.get(task.stageId());
        commitCoordinator.taskCompleted(
                task.stageId(),
                task.stageAttemptId(),
                task.partitionId(),
                event.info().attemptNumber(),
                reason instanceof TaskEndReason.Success);
        listenerBus.post(new EmberListenerEvent.TaskEnd(
                task.stageId(),
                task.stageAttemptId(),
                task.getClass().getSimpleName(),
                reason,
                event.info(),
                event.metrics()));
        if (stage == null) {
            // The stage was cancelled or its jobs finished; nothing more to do.
            return;
        }
        if (reason instanceof TaskEndReason.Success) {
            if (task instanceof ResultTask<?, ?> resultTask) {
                ResultStage resultStage = (ResultStage) stage;
                ActiveJob job = resultStage.activeJob();
                if (job == null || job.isFinished(resultTask.outputId())) {
                    return;
                }
                updateAccumulators(event.accumulatorUpdates());
                job.markFinished(resultTask.outputId());
                boolean jobFinished = job.allFinished();
                if (jobFinished) {
                    markStageAsFinished(resultStage, null);
                    // A stage resubmitted for this job alone (after a fetch failure) is no longer needed.
                    cancelRunningIndependentStages(
                            job, "Job " + job.jobId() + " finished: its result no longer needs this stage", false);
                    cleanupStateForJobAndIndependentStages(job);
                    listenerBus.post(
                            new EmberListenerEvent.JobEnd(job.jobId(), clock.millis(), new JobResult.JobSucceeded()));
                }
                try {
                    job.listener().taskSucceeded(resultTask.outputId(), event.result());
                } catch (RuntimeException e) {
                    // The driver-side handler (user code of the action) failed: the job fails with it.
                    String message = "Job " + job.jobId() + " failed handling a task result: " + e;
                    if (jobFinished) {
                        job.listener().jobFailed(new EmberException(ErrorClass.JOB_ABORTED, message, e));
                    } else {
                        // Still running: its tasks must stop and its stages must go, as for any failed job.
                        failJobAndIndependentStages(job, ErrorClass.JOB_ABORTED, message, e);
                    }
                }
            } else {
                ShuffleMapStage shuffleStage = (ShuffleMapStage) stage;
                updateAccumulators(event.accumulatorUpdates());
                MapStatus status = (MapStatus) event.result();
                mapOutputTracker.registerMapOutput(shuffleStage.shuffleId(), task.partitionId(), status);
                shuffleStage.pendingPartitions().remove(task.partitionId());
                if (runningStages.contains(shuffleStage)
                        && shuffleStage.pendingPartitions().isEmpty()) {
                    markStageAsFinished(shuffleStage, null);
                    localities.clear();
                    if (!shuffleStage.isAvailable()) {
                        LOG.info("Resubmitting {} because some of its outputs were lost meanwhile", shuffleStage);
                        submitStage(shuffleStage);
                    } else {
                        submitWaitingChildStages(shuffleStage);
                    }
                }
            }
        } else if (reason instanceof TaskEndReason.Resubmitted) {
            if (stage instanceof ShuffleMapStage shuffleStage) {
                shuffleStage.pendingPartitions().add(task.partitionId());
            }
        } else if (reason instanceof TaskEndReason.FetchFailed fetchFailed) {
            handleFetchFailure(task, stage, fetchFailed);
        } else {
            // Other failures are retried by the task scheduler; only accumulators that count failures merge.
            updateFailedTaskAccumulators(event.accumulatorUpdates());
        }
    }

    private void handleFetchFailure(Task<?> task, Stage failedStage, TaskEndReason.FetchFailed failure) {
        ShuffleMapStage mapStage = shuffleIdToMapStage.get(failure.shuffleId());
        if (failedStage.latestInfo().attemptNumber() != task.stageAttemptId()) {
            LOG.info(
                    "Ignoring fetch failure from {} attempt {}: attempt {} is running",
                    failedStage,
                    task.stageAttemptId(),
                    failedStage.latestInfo().attemptNumber());
            return;
        }
        failedStage.failedAttemptIds().add(task.stageAttemptId());
        boolean shouldAbort = failedStage.failedAttemptIds().size() >= maxConsecutiveStageAttempts;
        if (runningStages.contains(failedStage)) {
            markStageAsFinished(failedStage, "FetchFailed: " + failure.message());
        }
        if (failure.mapIndex() >= 0) {
            mapOutputTracker.unregisterMapOutput(failure.shuffleId(), failure.mapIndex(), failure.address());
        }
        if (shouldAbort) {
            abortStage(
                    failedStage,
                    failedStage + " (" + failedStage.callSite().shortForm() + ") has failed the maximum allowable"
                            + " number of times: " + maxConsecutiveStageAttempts + ". Most recent failure reason: "
                            + failure.message(),
                    null);
            return;
        }
        LOG.info(
                "Marking {} and its parent {} for resubmission after a fetch failure: {}",
                failedStage,
                mapStage,
                failure.message());
        if (failedStages.isEmpty()) {
            if (resubmitDelay <= 0 || eventLoop.inLoop() && timer.isShutdown()) {
                eventLoop.post(new DAGSchedulerEvent.ResubmitFailedStages());
            } else {
                timer.schedule(
                        () -> eventLoop.post(new DAGSchedulerEvent.ResubmitFailedStages()),
                        resubmitDelay,
                        TimeUnit.MILLISECONDS);
            }
        }
        failedStages.add(failedStage);
        if (mapStage != null) {
            failedStages.add(mapStage);
        }
    }

    private void resubmitFailedStages() {
        if (failedStages.isEmpty()) {
            return;
        }
        LOG.info("Resubmitting failed stages");
        localities.clear();
        List<Stage> stages = new ArrayList<>(failedStages);
        failedStages.clear();
        stages.sort(Comparator.comparingInt(Stage::firstJobId).thenComparingInt(Stage::id));
        for (Stage stage : stages) {
            submitStage(stage);
        }
    }

    private void updateAccumulators(List<AccumulatorV2<?, ?>> updates) {
        if (updates == null) {
            return;
        }
        for (AccumulatorV2<?, ?> update : updates) {
            try {
                AccumulatorRegistry.merge(update);
            } catch (RuntimeException e) {
                LOG.error("Failed to merge an update of accumulator {}", update.id(), e);
            }
        }
    }

    /** A failed or killed attempt's additions are dropped, except for accumulators that count failed values. */
    private void updateFailedTaskAccumulators(List<AccumulatorV2<?, ?>> updates) {
        if (updates == null) {
            return;
        }
        updateAccumulators(
                updates.stream().filter(AccumulatorV2::countFailedValues).toList());
    }

    private void handleExecutorLost(String executorId, String reason) {
        int lost = mapOutputTracker.removeOutputsOnExecutor(executorId);
        blockManagerMaster.removeExecutor(executorId);
        localities.clear();
        LOG.info("Executor {} lost ({}): {} map outputs will be recomputed", executorId, reason, lost);
    }

    // ---- failing and cancelling ----

    private void handleJobCancellation(int jobId, String reason, boolean interruptThreads) {
        ActiveJob job = jobIdToActiveJob.get(jobId);
        if (job == null) {
            LOG.debug("Cannot cancel job {}: it is not running", jobId);
            return;
        }
        failJobAndIndependentStages(
                job, ErrorClass.JOB_CANCELLED, "Job " + jobId + " cancelled " + reason, null, interruptThreads);
    }

    private List<ActiveJob> jobsDependingOn(Stage stage) {
        List<ActiveJob> jobs = new ArrayList<>();
        for (ActiveJob job : activeJobs) {
            if (stageDependsOn(job.finalStage(), stage)) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    private boolean stageDependsOn(Stage stage, Stage target) {
        ArrayDeque<Stage> pending = new ArrayDeque<>();
        Set<Integer> visited = new HashSet<>();
        pending.push(stage);
        while (!pending.isEmpty()) {
            Stage current = pending.pop();
            if (current == target) {
                return true;
            }
            if (visited.add(current.id())) {
                current.parents().forEach(pending::push);
            }
        }
        return false;
    }

    private void abortStage(Stage failedStage, String reason, Throwable exception) {
        if (!stageIdToStage.containsKey(failedStage.id())) {
            return;
        }
        List<ActiveJob> jobs = jobsDependingOn(failedStage);
        failedStage.latestInfo().markFailed(reason, clock.millis());
        for (ActiveJob job : jobs) {
            failJobAndIndependentStages(
                    job,
                    ErrorClass.JOB_ABORTED,
                    "Job " + job.jobId() + " aborted due to stage failure: " + reason,
                    exception);
        }
        if (jobs.isEmpty()) {
            LOG.info("Ignoring failure of {}: no active job depends on it", failedStage);
        }
    }

    private void failJobAndIndependentStages(ActiveJob job, ErrorClass errorClass, String message, Throwable cause) {
        failJobAndIndependentStages(job, errorClass, message, cause, false);
    }

    private void failJobAndIndependentStages(
            ActiveJob job, ErrorClass errorClass, String message, Throwable cause, boolean interruptThreads) {
        EmberException error = new EmberException(errorClass, message, cause);
        cancelRunningIndependentStages(job, message, interruptThreads);
        cleanupStateForJobAndIndependentStages(job);
        LOG.info(message);
        job.listener().jobFailed(error);
        listenerBus.post(new EmberListenerEvent.JobEnd(job.jobId(), clock.millis(), new JobResult.JobFailed(error)));
    }

    /**
     * Kills the tasks of the running stages that only {@code job} uses and marks those stages failed with
     * {@code reason}. Task threads are interrupted only if the job asked for it ({@link #JOB_INTERRUPT_ON_CANCEL}).
     */
    private void cancelRunningIndependentStages(ActiveJob job, String reason, boolean interruptThreads) {
        boolean interrupt = interruptThreads
                || job.properties() != null
                        && Boolean.parseBoolean(job.properties().getProperty(JOB_INTERRUPT_ON_CANCEL, "false"));
        for (int stageId : jobIdToStageIds.getOrDefault(job.jobId(), Set.of())) {
            Stage stage = stageIdToStage.get(stageId);
            if (stage == null) {
                continue;
            }
            boolean onlyThisJob = stage.jobIds().size() == 1 && stage.jobIds().contains(job.jobId());
            if (onlyThisJob && runningStages.contains(stage)) {
                taskScheduler.cancelTasks(stageId, interrupt, reason);
                markStageAsFinished(stage, reason);
            }
        }
    }

    private void cleanupStateForJobAndIndependentStages(ActiveJob job) {
        Set<Integer> stageIds = jobIdToStageIds.remove(job.jobId());
        if (stageIds != null) {
            for (int stageId : stageIds) {
                Stage stage = stageIdToStage.get(stageId);
                if (stage == null) {
                    continue;
                }
                stage.jobIds().remove(job.jobId());
                if (stage.jobIds().isEmpty()) {
                    stageIdToStage.remove(stageId);
                    runningStages.remove(stage);
                    waitingStages.remove(stage);
                    failedStages.remove(stage);
                    if (stage instanceof ShuffleMapStage shuffleStage) {
                        shuffleIdToMapStage.remove(shuffleStage.shuffleId());
                    }
                }
            }
        }
        jobIdToActiveJob.remove(job.jobId());
        activeJobs.remove(job);
        job.finalStage().setActiveJob(null);
    }

    // ---- introspection for tests ----

    /** Number of stages, jobs, and stage sets still tracked; all zero when no job runs. */
    public String bookkeeping() {
        String[] result = new String[1];
        Runnable read = () -> result[0] = "jobs=" + activeJobs.size() + " jobIdToStageIds=" + jobIdToStageIds.size()
                + " stages=" + stageIdToStage.size() + " shuffleStages=" + shuffleIdToMapStage.size() + " waiting="
                + waitingStages.size() + " running=" + runningStages.size() + " failed=" + failedStages.size();
        if (eventLoop.inLoop()) {
            read.run();
        } else {
            probe(read, Duration.ofSeconds(10));
        }
        return result[0];
    }

    /** Stops the event loop; running jobs fail with {@link ErrorClass#CONTEXT_STOPPED}. */
    public void stop(Duration timeout) {
        if (!eventLoop.isActive()) {
            return;
        }
        try {
            probe(
                    () -> {
                        for (ActiveJob job : List.copyOf(activeJobs)) {
                            failJobAndIndependentStages(
                                    job,
                                    ErrorClass.CONTEXT_STOPPED,
                                    "Job " + job.jobId() + " cancelled because the context was stopped",
                                    null);
                        }
                    },
                    timeout);
        } catch (EmberException e) {
            LOG.warn("Could not cancel running jobs while stopping: {}", e.getMessage());
        }
        ThreadUtils.shutdownAndAwait(timer, timeout);
        eventLoop.stop(timeout);
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        if (properties != null) {
            copy.putAll(properties);
        }
        return copy;
    }
}
