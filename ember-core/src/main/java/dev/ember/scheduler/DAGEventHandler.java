package dev.ember.scheduler;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.LiveListenerBus;
import dev.ember.events.StageInfo;
import dev.ember.executor.ResultTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.Clock;
import dev.ember.util.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the DAG scheduler's events on its event loop: a submitted job becomes stages ({@link StageGraph}), a stage
 * whose parents are available becomes a task set ({@link TaskSetFactory}), an ended task completes its stage or job,
 * a fetch failure resubmits the lost map outputs ({@link FetchFailureRecovery}), and failures and cancellations end
 * jobs together with the stages only they need.
 *
 * <p>Everything here runs on the event loop's thread (or, for tests, the posting thread of a direct loop), so the
 * state is not synchronized; {@link DAGScheduler} is the thread-safe side that posts the events.
 */
final class DAGEventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DAGScheduler.class);

    private final TaskScheduler taskScheduler;
    private final LiveListenerBus listenerBus;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final BlockManagerMaster blockManagerMaster;
    private final TaskLocalities localities;
    private final OutputCommitCoordinator commitCoordinator;
    private final Clock clock;
    private final StageGraph graph;
    private final TaskSetFactory taskSets;
    private final FetchFailureRecovery recovery;

    DAGEventHandler(
            EmberConf conf,
            TaskScheduler taskScheduler,
            LiveListenerBus listenerBus,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitCoordinator commitCoordinator,
            Clock clock,
            EventLoop<DAGSchedulerEvent> eventLoop) {
        this.taskScheduler = taskScheduler;
        this.listenerBus = listenerBus;
        this.mapOutputTracker = mapOutputTracker;
        this.blockManagerMaster = blockManagerMaster;
        this.localities = new TaskLocalities(blockManagerMaster);
        this.commitCoordinator = commitCoordinator;
        this.clock = clock;
        this.graph = new StageGraph(mapOutputTracker, localities);
        this.taskSets = new TaskSetFactory(conf, localities);
        this.recovery = new FetchFailureRecovery(
                eventLoop, conf.get(CoreConfig.RESUBMIT_DELAY), conf.get(CoreConfig.STAGE_MAX_CONSECUTIVE_ATTEMPTS));
    }

    // ---- the event loop ----

    void onEvent(DAGSchedulerEvent event) {
        if (event instanceof DAGSchedulerEvent.CompletionEvent completion) {
            handleTaskCompletion(completion);
        } else if (event instanceof DAGSchedulerEvent.BeginEvent begin) {
            Stage stage = graph.stage(begin.task().stageId());
            int attempt = stage == null ? -1 : stage.latestInfo().attemptNumber();
            listenerBus.post(new EmberListenerEvent.TaskStart(begin.task().stageId(), attempt, begin.info()));
        } else if (event instanceof DAGSchedulerEvent.GettingResultEvent getting) {
            listenerBus.post(new EmberListenerEvent.TaskGettingResult(getting.info()));
        } else if (event instanceof DAGSchedulerEvent.JobSubmitted submitted) {
            handleJobSubmitted(submitted);
        } else if (event instanceof DAGSchedulerEvent.MapStageSubmitted submitted) {
            handleMapStageSubmitted(submitted);
        } else if (event instanceof DAGSchedulerEvent.JobCancelled cancelled) {
            handleJobCancellation(cancelled.jobId(), cancelled.reason(), cancelled.interruptThreads());
        } else if (event instanceof DAGSchedulerEvent.JobGroupCancelled group) {
            for (ActiveJob job : graph.activeJobs()) {
                if (job.properties() != null
                        && group.groupId().equals(job.properties().getProperty(DAGScheduler.JOB_GROUP_ID))) {
                    handleJobCancellation(job.jobId(), group.reason(), false);
                }
            }
        } else if (event instanceof DAGSchedulerEvent.AllJobsCancelled all) {
            for (ActiveJob job : graph.activeJobs()) {
                handleJobCancellation(job.jobId(), all.reason(), false);
            }
        } else if (event instanceof DAGSchedulerEvent.StageCancelled stage) {
            Stage found = graph.stage(stage.stageId());
            if (found != null) {
                for (ActiveJob job : graph.jobsDependingOn(found)) {
                    failJobAndIndependentStages(
                            job,
                            ErrorClass.JOB_CANCELLED,
                            "Job " + job.jobId() + " cancelled because stage " + stage.stageId() + " was cancelled ("
                                    + stage.reason() + ")",
                            null);
                }
            }
        } else if (event instanceof DAGSchedulerEvent.TaskSetFailed failed) {
            Stage stage = graph.stage(failed.taskSet().stageId());
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
            Stage stage = graph.stage(speculative.task().stageId());
            int attempt = stage == null ? -1 : stage.latestInfo().attemptNumber();
            listenerBus.post(new EmberListenerEvent.SpeculativeTaskSubmitted(
                    speculative.task().stageId(), attempt, speculative.taskIndex()));
        } else if (event instanceof DAGSchedulerEvent.Probe probe) {
            probe.action().run();
        }
    }

    /** A bug in the handler: fail every job rather than leave callers waiting. */
    void onError(Throwable error) {
        for (ActiveJob job : graph.activeJobs()) {
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
            finalStage = graph.createResultStage(
                    event.rdd(), event.function(), event.partitions(), event.jobId(), event.callSite());
        } catch (RuntimeException e) {
            // Creating stages computes partitions: a missing input path surfaces here.
            failAtStart(event.jobId(), event.listener(), event.properties(), e);
            return;
        }
        ActiveJob job =
                new ActiveJob(event.jobId(), finalStage, event.callSite(), event.listener(), event.properties());
        localities.clear();
        graph.addJob(job);
        List<StageInfo> stageInfos = graph.stageInfos(job.jobId());
        LOG.info(
                "Got job {} ({}) with {} output partitions",
                job.jobId(),
                event.callSite().shortForm(),
                event.partitions().length);
        listenerBus.post(new EmberListenerEvent.JobStart(job.jobId(), clock.millis(), stageInfos, event.properties()));
        submitStage(finalStage);
    }

    /** A job whose stages could not be created: it starts and fails at once, with {@code cause}. */
    private void failAtStart(int jobId, JobListener listener, Properties properties, RuntimeException cause) {
        LOG.debug("Creating the stages of job {} failed", jobId, cause);
        long now = clock.millis();
        listenerBus.post(new EmberListenerEvent.JobStart(jobId, now, List.of(), properties));
        Exception error = cause instanceof EmberException
                ? cause
                : new EmberException(ErrorClass.JOB_ABORTED, "Job " + jobId + " could not start: " + cause, cause);
        listener.jobFailed(error);
        listenerBus.post(new EmberListenerEvent.JobEnd(jobId, now, new JobResult.JobFailed(error)));
    }

    /**
     * A job for one shuffle's map outputs: its stage (and parents) created or reused and submitted; when the outputs
     * are all there already, the job ends at once with their statistics.
     */
    private void handleMapStageSubmitted(DAGSchedulerEvent.MapStageSubmitted event) {
        ShuffleMapStage stage;
        try {
            stage = graph.mapStageForJob(event.dependency(), event.jobId());
        } catch (RuntimeException e) {
            failAtStart(event.jobId(), event.listener(), event.properties(), e);
            return;
        }
        ActiveJob job = new ActiveJob(event.jobId(), stage, event.callSite(), event.listener(), event.properties());
        localities.clear();
        graph.addJob(job);
        LOG.info(
                "Got map stage job {} ({}) for shuffle {}",
                job.jobId(),
                event.callSite().shortForm(),
                stage.shuffleId());
        listenerBus.post(new EmberListenerEvent.JobStart(
                job.jobId(), clock.millis(), graph.stageInfos(job.jobId()), event.properties()));
        if (stage.isAvailable()) {
            markMapStageJobsAsFinished(stage);
        } else {
            submitStage(stage);
        }
    }

    /** Ends the jobs waiting for {@code stage} alone, with its statistics. */
    private void markMapStageJobsAsFinished(ShuffleMapStage stage) {
        if (stage.mapStageJobs().isEmpty()) {
            return;
        }
        dev.ember.MapOutputStatistics statistics = new dev.ember.MapOutputStatistics(
                stage.shuffleId(),
                mapOutputTracker.mapStatuses(stage.shuffleId()),
                stage.dependency().numPartitions());
        for (ActiveJob job : List.copyOf(stage.mapStageJobs())) {
            job.markFinished(0);
            cleanupStateForJobAndIndependentStages(job);
            listenerBus.post(new EmberListenerEvent.JobEnd(job.jobId(), clock.millis(), new JobResult.JobSucceeded()));
            job.listener().taskSucceeded(0, statistics);
        }
    }

    private void submitStage(Stage stage) {
        Integer jobId = graph.activeJobForStage(stage);
        if (jobId == null) {
            abortStage(stage, "No active job for stage " + stage.id(), null);
            return;
        }
        if (graph.isWaiting(stage) || graph.isRunning(stage) || recovery.isFailed(stage)) {
            return;
        }
        List<Stage> missing = graph.missingParentStages(stage);
        if (missing.isEmpty()) {
            submitMissingTasks(stage, jobId);
        } else {
            for (Stage parent : missing) {
                submitStage(parent);
            }
            graph.addWaiting(stage);
        }
    }

    private void submitMissingTasks(Stage stage, int jobId) {
        List<Integer> partitionsToCompute = stage.findMissingPartitions();
        ActiveJob job = graph.job(jobId);
        Properties properties = job == null ? new Properties() : job.properties();
        graph.addRunning(stage);
        if (stage instanceof ShuffleMapStage shuffleStage) {
            shuffleStage.pendingPartitions().clear();
        } else {
            commitCoordinator.stageStart(stage.id());
        }

        List<List<TaskLocation>> locations;
        try {
            locations = taskSets.preferredLocations(stage, partitionsToCompute);
        } catch (RuntimeException e) {
            stage.makeNewStageAttempt(partitionsToCompute.size());
            listenerBus.post(new EmberListenerEvent.StageSubmitted(stage.latestInfo(), properties));
            abortStage(stage, "Failed to compute the preferred locations of " + stage + ": " + e, e);
            graph.removeRunning(stage);
            return;
        }

        stage.makeNewStageAttempt(partitionsToCompute.size());
        stage.latestInfo().markSubmitted(clock.millis());
        listenerBus.post(new EmberListenerEvent.StageSubmitted(stage.latestInfo(), properties));

        byte[] taskBinary;
        try {
            taskBinary = taskSets.taskBinary(stage);
        } catch (EmberException e) {
            abortStage(stage, "Task not serializable: " + e.detail(), e);
            graph.removeRunning(stage);
            return;
        } catch (RuntimeException e) {
            abortStage(stage, "Task serialization failed: " + e, e);
            graph.removeRunning(stage);
            return;
        }

        int attempt = stage.latestInfo().attemptNumber();
        List<Task<?>> tasks = taskSets.tasks(stage, jobId, partitionsToCompute, taskBinary);
        if (!tasks.isEmpty()) {
            LOG.info(
                    "Submitting {} missing tasks from {} ({})",
                    tasks.size(),
                    stage,
                    stage.callSite().shortForm());
            taskScheduler.submitTasks(new TaskSet(tasks, stage.id(), attempt, jobId, properties, locations));
        } else {
            markStageAsFinished(stage, null);
            if (stage instanceof ShuffleMapStage shuffleStage) {
                submitWaitingChildStages(stage);
                if (shuffleStage.isAvailable()) {
                    markMapStageJobsAsFinished(shuffleStage);
                }
            }
        }
    }

    private void submitWaitingChildStages(Stage parent) {
        for (Stage child : graph.takeWaitingChildren(parent)) {
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
        graph.removeRunning(stage);
    }

    // ---- task completion ----

    private void handleTaskCompletion(DAGSchedulerEvent.CompletionEvent event) {
        Task<?> task = event.task();
        TaskEndReason reason = event.reason();
        Stage stage = graph.stage(task.stageId());
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
                AccumulatorUpdates.mergeSucceeded(event.accumulatorUpdates(), stage.latestInfo());
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
                AccumulatorUpdates.mergeSucceeded(event.accumulatorUpdates(), stage.latestInfo());
                MapStatus status = (MapStatus) event.result();
                mapOutputTracker.registerMapOutput(shuffleStage.shuffleId(), task.partitionId(), status);
                shuffleStage.pendingPartitions().remove(task.partitionId());
                if (graph.isRunning(shuffleStage)
                        && shuffleStage.pendingPartitions().isEmpty()) {
                    markStageAsFinished(shuffleStage, null);
                    localities.clear();
                    if (!shuffleStage.isAvailable()) {
                        LOG.info("Resubmitting {} because some of its outputs were lost meanwhile", shuffleStage);
                        submitStage(shuffleStage);
                    } else {
                        markMapStageJobsAsFinished(shuffleStage);
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
            AccumulatorUpdates.mergeFailed(event.accumulatorUpdates());
        }
    }

    private void handleFetchFailure(Task<?> task, Stage failedStage, TaskEndReason.FetchFailed failure) {
        ShuffleMapStage mapStage = graph.mapStage(failure.shuffleId());
        if (failedStage.latestInfo().attemptNumber() != task.stageAttemptId()) {
            LOG.info(
                    "Ignoring fetch failure from {} attempt {}: attempt {} is running",
                    failedStage,
                    task.stageAttemptId(),
                    failedStage.latestInfo().attemptNumber());
            return;
        }
        boolean shouldAbort = recovery.recordFailedAttempt(failedStage, task.stageAttemptId());
        if (graph.isRunning(failedStage)) {
            markStageAsFinished(failedStage, "FetchFailed: " + failure.message());
        }
        if (failure.mapIndex() >= 0) {
            mapOutputTracker.unregisterMapOutput(failure.shuffleId(), failure.mapIndex(), failure.address());
        }
        if (shouldAbort) {
            abortStage(
                    failedStage,
                    failedStage + " (" + failedStage.callSite().shortForm() + ") has failed the maximum allowable"
                            + " number of times: " + recovery.maxConsecutiveStageAttempts()
                            + ". Most recent failure reason: "
                            + failure.message(),
                    null);
            return;
        }
        LOG.info(
                "Marking {} and its parent {} for resubmission after a fetch failure: {}",
                failedStage,
                mapStage,
                failure.message());
        recovery.resubmitLater(failedStage, mapStage);
    }

    private void resubmitFailedStages() {
        if (recovery.size() == 0) {
            return;
        }
        LOG.info("Resubmitting failed stages");
        localities.clear();
        for (Stage stage : recovery.takeFailedStages()) {
            submitStage(stage);
        }
    }

    private void handleExecutorLost(String executorId, String reason) {
        int lost = mapOutputTracker.removeOutputsOnExecutor(executorId);
        blockManagerMaster.removeExecutor(executorId);
        localities.clear();
        LOG.info("Executor {} lost ({}): {} map outputs will be recomputed", executorId, reason, lost);
    }

    // ---- failing and cancelling ----

    private void handleJobCancellation(int jobId, String reason, boolean interruptThreads) {
        ActiveJob job = graph.job(jobId);
        if (job == null) {
            LOG.debug("Cannot cancel job {}: it is not running", jobId);
            return;
        }
        failJobAndIndependentStages(
                job, ErrorClass.JOB_CANCELLED, "Job " + jobId + " cancelled " + reason, null, interruptThreads);
    }

    private void abortStage(Stage failedStage, String reason, Throwable exception) {
        if (!graph.contains(failedStage)) {
            return;
        }
        List<ActiveJob> jobs = graph.jobsDependingOn(failedStage);
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
     * {@code reason}. Task threads are interrupted only if the job asked for it ({@link DAGScheduler#JOB_INTERRUPT_ON_CANCEL}).
     */
    private void cancelRunningIndependentStages(ActiveJob job, String reason, boolean interruptThreads) {
        boolean interrupt = interruptThreads
                || job.properties() != null
                        && Boolean.parseBoolean(
                                job.properties().getProperty(DAGScheduler.JOB_INTERRUPT_ON_CANCEL, "false"));
        for (Stage stage : graph.runningStagesOnlyFor(job)) {
            taskScheduler.cancelTasks(stage.id(), interrupt, reason);
            markStageAsFinished(stage, reason);
        }
    }

    private void cleanupStateForJobAndIndependentStages(ActiveJob job) {
        recovery.forget(graph.removeJob(job));
    }

    /** Fails every running job: the context stops. */
    void failAllJobsOnStop() {
        for (ActiveJob job : graph.activeJobs()) {
            failJobAndIndependentStages(
                    job,
                    ErrorClass.CONTEXT_STOPPED,
                    "Job " + job.jobId() + " cancelled because the context was stopped",
                    null);
        }
    }

    /** Sizes of every map and set of jobs and stages; all zero when no job runs. */
    String bookkeeping() {
        return graph.bookkeeping() + " failed=" + recovery.size();
    }

    void stop(Duration timeout) {
        recovery.stop(timeout);
    }
}
