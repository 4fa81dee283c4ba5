package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.RDD;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.LiveListenerBus;
import dev.ember.events.TaskInfo;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.function.TaskFunction;
import dev.ember.metrics.TaskMetrics;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.CallSite;
import dev.ember.util.Clock;
import dev.ember.util.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
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

    private final LiveListenerBus listenerBus;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final Clock clock;
    private final long waitPollInterval;
    private final EventLoop<DAGSchedulerEvent> eventLoop;
    private final DAGEventHandler handler;

    private final AtomicInteger nextJobId = new AtomicInteger();

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
        this.listenerBus = listenerBus;
        this.mapOutputTracker = mapOutputTracker;
        this.clock = clock;
        this.waitPollInterval = conf.get(CoreConfig.JOB_WAIT_POLL);
        this.eventLoop = directEvents
                ? EventLoop.direct(
                        event -> handler().onEvent(event), error -> handler().onError(error))
                : EventLoop.threaded(
                        "dag-scheduler-event-loop", event -> handler().onEvent(event), error -> handler()
                                .onError(error));
        this.handler = new DAGEventHandler(
                conf,
                taskScheduler,
                listenerBus,
                mapOutputTracker,
                blockManagerMaster,
                commitCoordinator,
                clock,
                eventLoop);
        taskScheduler.setListener(this);
        eventLoop.start();
    }

    private DAGEventHandler handler() {
        return handler;
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

    /**
     * Submits a job that only computes the map outputs of {@code dependency} (and whatever stages they need), reusing
     * outputs already there; its one result, handed to {@code resultHandler}, is the outputs' statistics. Adaptive
     * query execution runs the stages of a query this way, one exchange at a time.
     */
    public JobWaiter<dev.ember.MapOutputStatistics> submitMapStage(
            dev.ember.ShuffleDependency<?> dependency,
            CallSite callSite,
            BiConsumer<Integer, dev.ember.MapOutputStatistics> resultHandler,
            Properties properties) {
        int jobId = nextJobId.getAndIncrement();
        JobWaiter<dev.ember.MapOutputStatistics> waiter = new JobWaiter<>(this, jobId, 1, resultHandler);
        eventLoop.post(new DAGSchedulerEvent.MapStageSubmitted(jobId, dependency, callSite, waiter, copy(properties)));
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
     * Waits for a job, checking every {@code ember.job.waitPollInterval} that the scheduler still runs; interrupting
     * or stopping the waiting thread cancels the job (see {@link JobWaiter}).
     */
    public void awaitJob(JobWaiter<?> waiter) {
        waiter.await(waitPollInterval, eventLoop::isActive);
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

    // ---- introspection for tests ----

    /** Number of stages, jobs, and stage sets still tracked; all zero when no job runs. */
    public String bookkeeping() {
        String[] result = new String[1];
        Runnable read = () -> result[0] = handler.bookkeeping();
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
            probe(handler::failAllJobsOnStop, timeout);
        } catch (EmberException e) {
            LOG.warn("Could not cancel running jobs while stopping: {}", e.getMessage());
        }
        handler.stop(timeout);
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
