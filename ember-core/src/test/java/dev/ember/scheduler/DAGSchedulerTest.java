package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.ember.AccumulatorV2;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.LongAccumulator;
import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.RDD;
import dev.ember.StorageLevel;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.LiveListenerBus;
import dev.ember.events.TaskInfo;
import dev.ember.events.TaskLocality;
import dev.ember.executor.ResultTask;
import dev.ember.executor.ShuffleMapTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskEndReason;
import dev.ember.function.TaskFunction;
import dev.ember.metrics.TaskMetrics;
import dev.ember.scheduler.TestRdds.NarrowRdd;
import dev.ember.scheduler.TestRdds.ShuffleReadRdd;
import dev.ember.scheduler.TestRdds.SourceRdd;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerEndpoint;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.util.CallSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The DAG scheduler on its own: events run on the test's thread ({@code directEvents}), task sets go to a fake
 * task scheduler, and the test ends tasks by reporting their outcomes. The context only builds RDDs, shuffle
 * dependencies and accumulators; its own scheduler stays idle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DAGSchedulerTest {
    private static final String NO_LEAKED_STATE =
            "jobs=0 jobIdToStageIds=0 stages=0 shuffleStages=0 waiting=0 running=0 failed=0";
    private static final CallSite CALL_SITE = new CallSite("test at DAGSchedulerTest.java:1", "");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SerializerInstance JAVA = new JavaSerializer().newInstance();

    private EmberContext context;
    private ManualClock clock;
    private FakeTaskScheduler taskScheduler;
    private MapOutputTrackerMaster mapOutputTracker;
    private BlockManagerMaster blockManagerMaster;
    private LiveListenerBus listenerBus;
    private List<String> events;
    private DAGScheduler dagScheduler;
    private long nextTaskId;

    private record Job(JobWaiter<Object> waiter, Map<Integer, Object> results) {
        int id() {
            return waiter.jobId();
        }
    }

    @BeforeAll
    void startContext() {
        context = new EmberContext(new EmberConf(false).setMaster("local[1]").setAppName("dag-scheduler-test"));
    }

    @AfterAll
    void stopContext() {
        context.stop();
    }

    @BeforeEach
    void setUp() {
        start(new EmberConf(false).set("ember.scheduler.resubmitDelay", "0"));
    }

    @AfterEach
    void tearDown() {
        stopScheduler();
    }

    private void start(EmberConf conf) {
        clock = new ManualClock(1_000_000);
        taskScheduler = new FakeTaskScheduler();
        mapOutputTracker = new MapOutputTrackerMaster();
        blockManagerMaster = new BlockManagerMaster(update -> {});
        listenerBus = new LiveListenerBus(10_000);
        events = Collections.synchronizedList(new ArrayList<>());
        listenerBus.addListener(new EventRecorder(events));
        listenerBus.start();
        dagScheduler = new DAGScheduler(
                conf,
                taskScheduler,
                listenerBus,
                mapOutputTracker,
                blockManagerMaster,
                new OutputCommitCoordinator(),
                clock,
                true);
    }

    private void stopScheduler() {
        dagScheduler.stop(TIMEOUT);
        listenerBus.stop(TIMEOUT);
    }

    private void restart(EmberConf conf) {
        stopScheduler();
        start(conf);
    }

    // ---- jobs without shuffles ----

    @Test
    void jobWithoutShuffleRunsOneResultTaskPerPartitionAndDeliversResults() {
        Job job = submit(new SourceRdd(context, 3), 0, 1, 2);

        assertThat(taskScheduler.submitted).hasSize(1);
        TaskSet taskSet = taskScheduler.last();
        assertThat(taskSet.tasks()).hasSize(3).allMatch(ResultTask.class::isInstance);
        assertThat(partitionsOf(taskSet)).containsExactly(0, 1, 2);
        assertThat(taskSet.stageAttemptId()).isZero();
        assertThat(taskSet.priority()).isEqualTo(job.id());

        succeed(taskSet, 0, "a");
        succeed(taskSet, 2, "c");
        assertThat(job.waiter().completion()).isNotDone();
        succeed(taskSet, 1, "b");

        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "a"), entry(1, "b"), entry(2, "c"));
        assertNoLeakedState();
    }

    @Test
    void jobOnSomePartitionsReportsResultsByOutputIndex() {
        Job job = submit(new SourceRdd(context, 4), 3, 1);

        TaskSet taskSet = taskScheduler.last();
        assertThat(partitionsOf(taskSet)).containsExactly(3, 1);
        assertThat(taskSet.tasks())
                .extracting(task -> ((ResultTask<?, ?>) task).outputId())
                .containsExactly(0, 1);

        succeed(taskSet, 0, "partition 3");
        succeed(taskSet, 1, "partition 1");

        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "partition 3"), entry(1, "partition 1"));
        assertNoLeakedState();
    }

    @Test
    void jobOnNoPartitionsSucceedsWithoutTasks() {
        Job job = submit(new SourceRdd(context, 2));

        assertThat(job.waiter().completion()).isCompleted();
        assertThat(taskScheduler.submitted).isEmpty();
        assertThat(listenerBus.waitUntilEmpty(TIMEOUT)).isTrue();
        assertThat(events).containsExactly("JobStart " + job.id() + " stages=[]", "JobEnd " + job.id() + " succeeded");
        assertNoLeakedState();
    }

    @Test
    void jobOnAPartitionTheRddDoesNotHaveIsRejected() {
        SourceRdd rdd = new SourceRdd(context, 2);
        TaskFunction<Pair<Integer, Integer>, Object> function = (taskContext, values) -> null;

        EmberException error = catchThrowableOfType(
                EmberException.class,
                () -> dagScheduler.submitJob(
                        rdd, function, new int[] {0, 2}, CALL_SITE, (index, value) -> {}, new Properties()));

        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage()).contains("partition 2").contains("has 2 partitions");
        assertThat(taskScheduler.submitted).isEmpty();
        assertNoLeakedState();
    }

    @Test
    void failureInsideTheSchedulerFailsTheJobInsteadOfLeavingItWaiting() {
        taskScheduler.submissionFailure = new IllegalStateException("task scheduler is broken");

        Job job = submit(new SourceRdd(context, 2), 0, 1);

        EmberException error = failureOf(job.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INTERNAL_ERROR);
        assertThat(error.getCause()).hasMessage("task scheduler is broken");
        assertNoLeakedState();
    }

    // ---- shuffle boundaries ----

    @Test
    void oneShuffleRunsTheMapStageFirstAndTheResultStageOnceAllOutputsAreRegistered() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 3);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1, 2);

        assertThat(taskScheduler.submitted).hasSize(1);
        TaskSet maps = taskScheduler.last();
        assertThat(maps.tasks()).hasSize(2).allMatch(ShuffleMapTask.class::isInstance);
        assertThat(partitionsOf(maps)).containsExactly(0, 1);

        succeed(maps, 0, mapStatus("exec-a", 3, 0));
        assertThat(taskScheduler.submitted)
                .as("the result stage waits for every map output")
                .hasSize(1);
        succeed(maps, 1, mapStatus("exec-b", 3, 1));

        assertThat(mapOutputTracker.numAvailableOutputs(shuffle.shuffleId())).isEqualTo(2);
        assertThat(taskScheduler.submitted).hasSize(2);
        TaskSet results = taskScheduler.last();
        assertThat(results.stageId()).isNotEqualTo(maps.stageId());
        assertThat(results.tasks()).hasSize(3).allMatch(ResultTask.class::isInstance);

        completeResults(results, "x", "y", "z");
        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "x"), entry(1, "y"), entry(2, "z"));
        assertNoLeakedState();
    }

    @Test
    void twoShufflesRunTheirMapStagesInLineageOrder() {
        PairShuffleDependency<Integer, Integer, Integer> first = TestRdds.shuffle(new SourceRdd(context, 2), 3);
        PairShuffleDependency<Integer, Integer, Integer> second = TestRdds.shuffle(new ShuffleReadRdd(first), 2);
        Job job = submit(new ShuffleReadRdd(second), 0, 1);

        assertThat(taskScheduler.submitted).hasSize(1);
        TaskSet firstMaps = taskScheduler.last();
        assertThat(firstMaps.tasks()).hasSize(2).allMatch(ShuffleMapTask.class::isInstance);

        completeMaps(firstMaps, 3, "exec-a");
        assertThat(taskScheduler.submitted).hasSize(2);
        TaskSet secondMaps = taskScheduler.last();
        assertThat(secondMaps.tasks()).hasSize(3).allMatch(ShuffleMapTask.class::isInstance);
        assertThat(secondMaps.stageId()).isNotEqualTo(firstMaps.stageId());

        completeMaps(secondMaps, 2, "exec-a");
        assertThat(mapOutputTracker.numAvailableOutputs(first.shuffleId())).isEqualTo(2);
        assertThat(mapOutputTracker.numAvailableOutputs(second.shuffleId())).isEqualTo(3);
        assertThat(taskScheduler.submitted).hasSize(3);
        TaskSet results = taskScheduler.last();
        assertThat(results.tasks()).hasSize(2).allMatch(ResultTask.class::isInstance);

        completeResults(results, "r0", "r1");
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    @Test
    void laterJobReusesRegisteredShuffleOutputsAndSkipsTheMapStage() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        ShuffleReadRdd reduced = new ShuffleReadRdd(shuffle);
        Job first = submit(reduced, 0, 1);
        completeMaps(taskScheduler.last(), 2, "exec-a");
        completeResults(taskScheduler.last(), "a", "b");
        assertThat(first.waiter().completion()).isCompleted();
        assertThat(taskScheduler.submitted).hasSize(2);

        Job second = submit(new NarrowRdd(reduced), 0, 1);

        assertThat(taskScheduler.submitted)
                .as("only the result stage of the second job")
                .hasSize(3);
        TaskSet results = taskScheduler.last();
        assertThat(results.tasks()).hasSize(2).allMatch(ResultTask.class::isInstance);
        assertThat(results.priority()).isEqualTo(second.id());
        completeResults(results, "c", "d");
        assertThat(second.waiter().completion()).isCompleted();
        assertThat(second.results()).containsOnly(entry(0, "c"), entry(1, "d"));
        assertNoLeakedState();
    }

    @Test
    void executorLossForgetsItsMapOutputsAndALaterJobRecomputesOnlyThose() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 3), 2);
        ShuffleReadRdd reduced = new ShuffleReadRdd(shuffle);
        submit(reduced, 0, 1);
        TaskSet maps = taskScheduler.last();
        succeed(maps, 0, mapStatus("exec-a", 2, 0));
        succeed(maps, 1, mapStatus("exec-b", 2, 1));
        succeed(maps, 2, mapStatus("exec-a", 2, 2));
        completeResults(taskScheduler.last(), "a", "b");

        dagScheduler.executorLost("exec-b", "worker gone");

        assertThat(mapOutputTracker.findMissingPartitions(shuffle.shuffleId())).containsExactly(1);
        Job again = submit(reduced, 0, 1);
        TaskSet recompute = taskScheduler.last();
        assertThat(recompute.stageId()).isNotEqualTo(maps.stageId());
        assertThat(recompute.tasks()).allMatch(ShuffleMapTask.class::isInstance);
        assertThat(partitionsOf(recompute)).containsExactly(1);
        completeMaps(recompute, 2, "exec-c");
        completeResults(taskScheduler.last(), "c", "d");
        assertThat(again.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    @Test
    void mapOutputLostWhileItsStageRunsIsWaitedForBeforeTheResultStage() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        TaskSet maps = taskScheduler.last();
        succeed(maps, 0, mapStatus("exec-a", 2, 0));

        // What the task scheduler reports when exec-a dies: the finished map task must run again.
        Task<?> lostTask = maps.tasks().get(0);
        dagScheduler.taskEnded(
                lostTask, new TaskEndReason.Resubmitted(), null, List.of(), null, finishedInfo(lostTask, 0, false));
        dagScheduler.executorLost("exec-a", "worker gone");
        succeed(maps, 1, mapStatus("exec-b", 2, 1));

        assertThat(taskScheduler.submitted).as("map output 0 is missing").hasSize(1);
        succeed(maps, 0, mapStatus("exec-b", 2, 0));
        assertThat(taskScheduler.submitted).hasSize(2);
        completeResults(taskScheduler.last(), "a", "b");
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    // ---- cached RDDs ----

    @Test
    void fullyCachedRddStopsTheWalkAndItsTasksPreferTheCachingExecutor() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        NarrowRdd cached = new NarrowRdd(new ShuffleReadRdd(shuffle));
        cached.persist(StorageLevel.MEMORY_ONLY);
        BlockManagerId holder = new BlockManagerId("exec-c", "host-c", 7337);
        registerCachedPartitions(holder, cached, 0, 1);

        Job job = submit(new NarrowRdd(cached), 0, 1);

        assertThat(taskScheduler.submitted)
                .as("no map stage: the cached RDD does not need its shuffle")
                .hasSize(1);
        TaskSet results = taskScheduler.last();
        assertThat(results.tasks()).allMatch(ResultTask.class::isInstance);
        TaskLocation cachedThere = new TaskLocation.ExecutorCache("host-c", "exec-c");
        assertThat(results.locations()).containsExactly(List.of(cachedThere), List.of(cachedThere));

        completeResults(results, "a", "b");
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    @Test
    void partlyCachedRddStillRunsItsParentMapStage() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        NarrowRdd cached = new NarrowRdd(new ShuffleReadRdd(shuffle));
        cached.persist(StorageLevel.MEMORY_ONLY);
        BlockManagerId holder = new BlockManagerId("exec-c", "host-c", 7337);
        registerCachedPartitions(holder, cached, 0);

        Job job = submit(cached, 0, 1);

        TaskSet maps = taskScheduler.last();
        assertThat(maps.tasks()).allMatch(ShuffleMapTask.class::isInstance);
        completeMaps(maps, 2, "exec-a");
        TaskSet results = taskScheduler.last();
        assertThat(results.locations())
                .containsExactly(List.of(new TaskLocation.ExecutorCache("host-c", "exec-c")), List.of());
        completeResults(results, "a", "b");
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    // ---- fetch failures ----

    @Test
    void fetchFailureRecomputesTheLostMapOutputOnlyAndThenTheMissingResults() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        TaskSet maps = taskScheduler.last();
        succeed(maps, 0, mapStatus("exec-a", 2, 0));
        succeed(maps, 1, mapStatus("exec-b", 2, 1));
        TaskSet results = taskScheduler.last();
        succeed(results, 1, "r1");

        fail(
                results,
                0,
                new TaskEndReason.FetchFailed(
                        blockManager("exec-b"), shuffle.shuffleId(), 1, 1, 0, "connection refused"),
                List.of());

        assertThat(mapOutputTracker.mapStatus(shuffle.shuffleId(), 1)).isEmpty();
        assertThat(mapOutputTracker.mapStatus(shuffle.shuffleId(), 0)).isPresent();
        assertThat(taskScheduler.submitted).hasSize(3);
        TaskSet remap = taskScheduler.last();
        assertThat(remap.stageId()).isEqualTo(maps.stageId());
        assertThat(remap.stageAttemptId()).isEqualTo(1);
        assertThat(partitionsOf(remap)).containsExactly(1);

        succeed(remap, 0, mapStatus("exec-c", 2, 1));

        assertThat(taskScheduler.submitted).hasSize(4);
        TaskSet rerun = taskScheduler.last();
        assertThat(rerun.stageId()).isEqualTo(results.stageId());
        assertThat(rerun.stageAttemptId()).isEqualTo(1);
        assertThat(partitionsOf(rerun)).as("partition 1 already succeeded").containsExactly(0);
        succeed(rerun, 0, "r0");
        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "r0"), entry(1, "r1"));
        assertNoLeakedState();
    }

    @Test
    void jobCompletedByALateResultCancelsTheMapStageResubmittedForIt() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        completeMaps(taskScheduler.last(), 2, "exec-a");
        TaskSet results = taskScheduler.last();
        succeed(results, 1, "r1");
        fail(results, 0, fetchFailed(shuffle, "exec-a", 0), List.of());
        TaskSet remap = taskScheduler.last();
        assertThat(remap.tasks()).allMatch(ShuffleMapTask.class::isInstance);

        // Another attempt of task 0 (a speculative copy) still got its input and finishes the job.
        succeed(results, 0, "r0");

        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "r0"), entry(1, "r1"));
        assertThat(taskScheduler.cancelledStageIds())
                .as("nothing needs the recomputed map output any more")
                .containsExactly(remap.stageId());
        assertNoLeakedState();
    }

    @Test
    void repeatedFetchFailuresAbortTheJobAfterMaxConsecutiveAttempts() {
        restart(new EmberConf(false)
                .set("ember.scheduler.resubmitDelay", "0")
                .set("ember.stage.maxConsecutiveAttempts", "2"));
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(job.waiter().completion()).isNotDone();
            completeMaps(taskScheduler.last(), 2, "exec-a");
            TaskSet results = taskScheduler.last();
            assertThat(results.stageAttemptId()).isEqualTo(attempt);
            fail(
                    results,
                    0,
                    new TaskEndReason.FetchFailed(
                            blockManager("exec-a"), shuffle.shuffleId(), 0, 0, 0, "fetch failure " + attempt),
                    List.of());
        }

        EmberException error = failureOf(job.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getMessage())
                .contains("failed the maximum allowable number of times: 2")
                .contains("fetch failure 1");
        assertThat(taskScheduler.submitted)
                .as("nothing is resubmitted after the abort")
                .hasSize(4);
        assertNoLeakedState();
    }

    @Test
    void onlyConsecutiveFetchFailuresOfAStageCountTowardsTheLimit() {
        restart(new EmberConf(false)
                .set("ember.scheduler.resubmitDelay", "0")
                .set("ember.stage.maxConsecutiveAttempts", "2"));
        PairShuffleDependency<Integer, Integer, Integer> first = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        PairShuffleDependency<Integer, Integer, Integer> second = TestRdds.shuffle(new ShuffleReadRdd(first), 2);
        Job job = submit(new ShuffleReadRdd(second), 0, 1);
        completeMaps(taskScheduler.last(), 2, "exec-a");

        // The middle stage fails on its first attempt, then succeeds on its second.
        TaskSet middle = taskScheduler.last();
        fail(middle, 0, fetchFailed(first, "exec-a", 0), List.of());
        completeMaps(taskScheduler.last(), 2, "exec-b");
        TaskSet middleAgain = taskScheduler.last();
        assertThat(middleAgain.stageId()).isEqualTo(middle.stageId());
        completeMaps(middleAgain, 2, "exec-b");

        // Later, the result stage loses one of its outputs and the middle stage's third attempt fails again.
        fail(taskScheduler.last(), 0, fetchFailed(second, "exec-b", 0), List.of());
        TaskSet middleThird = taskScheduler.last();
        assertThat(middleThird.stageId()).isEqualTo(middle.stageId());
        fail(middleThird, 0, fetchFailed(first, "exec-a", 1), List.of());

        assertThat(job.waiter().completion())
                .as("the middle stage succeeded in between: one failure in a row, not two")
                .isNotDone();
        completeMaps(taskScheduler.last(), 2, "exec-c");
        completeMaps(taskScheduler.last(), 2, "exec-c");
        completeResults(taskScheduler.last(), "a", "b");
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    // ---- failures and cancellation ----

    @Test
    void taskSetFailureAbortsTheJobWithTheReasonAndTheExceptionAsCause() {
        Job job = submit(new SourceRdd(context, 2), 0, 1);
        TaskSet taskSet = taskScheduler.last();
        IllegalStateException boom = new IllegalStateException("boom");

        dagScheduler.taskSetFailed(taskSet, "Task 1 in stage 0.0 failed 4 times, most recent failure: boom", boom);

        EmberException error = failureOf(job.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getMessage())
                .contains("aborted due to stage failure")
                .contains("Task 1 in stage 0.0 failed 4 times");
        assertThat(error.getCause()).isSameAs(boom);
        EmberException rethrown = catchThrowableOfType(EmberException.class, () -> dagScheduler.awaitJob(job.waiter()));
        assertThat(rethrown.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(rethrown.getCause()).isSameAs(boom);
        assertThat(taskScheduler.cancelledStageIds()).containsExactly(taskSet.stageId());

        succeed(taskSet, 0, "late");
        assertThat(job.results())
                .as("a late result of an aborted job is dropped")
                .isEmpty();
        assertNoLeakedState();
    }

    @Test
    void failureOfTheDriverSideResultHandlerFailsTheJob() {
        IllegalStateException handlerError = new IllegalStateException("cannot store the result");
        TaskFunction<Pair<Integer, Integer>, Object> function = (taskContext, values) -> null;
        BiConsumer<Integer, Object> handler = (index, value) -> {
            throw handlerError;
        };
        JobWaiter<Object> waiter = dagScheduler.submitJob(
                new SourceRdd(context, 2), function, new int[] {0, 1}, CALL_SITE, handler, new Properties());
        TaskSet taskSet = taskScheduler.last();

        succeed(taskSet, 0, "a");

        EmberException error = failureOf(waiter);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getCause()).isSameAs(handlerError);
        assertThat(taskScheduler.cancelledStageIds()).containsExactly(taskSet.stageId());
        assertThat(listenerBus.waitUntilEmpty(TIMEOUT)).isTrue();
        assertThat(events).last().isEqualTo("JobEnd " + waiter.jobId() + " failed");
        assertNoLeakedState();
    }

    @Test
    void failureOfTheResultHandlerOnTheLastResultFailsTheJob() {
        IllegalStateException handlerError = new IllegalStateException("cannot store the last result");
        TaskFunction<Pair<Integer, Integer>, Object> function = (taskContext, values) -> null;
        BiConsumer<Integer, Object> handler = (index, value) -> {
            if (index == 1) {
                throw handlerError;
            }
        };
        JobWaiter<Object> waiter = dagScheduler.submitJob(
                new SourceRdd(context, 2), function, new int[] {0, 1}, CALL_SITE, handler, new Properties());
        TaskSet taskSet = taskScheduler.last();

        succeed(taskSet, 0, "a");
        succeed(taskSet, 1, "b");

        EmberException error = failureOf(waiter);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getCause()).isSameAs(handlerError);
        assertNoLeakedState();
    }

    @Test
    void cancelJobFailsItAsCancelledAndCancelsItsRunningStage() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        TaskSet maps = taskScheduler.last();

        dagScheduler.cancelJob(job.id(), "by the user");

        EmberException error = failureOf(job.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(error.getMessage()).contains("Job " + job.id() + " cancelled");
        assertThat(taskScheduler.cancelledStageIds()).containsExactly(maps.stageId());

        completeMaps(maps, 2, "exec-a");
        assertThat(taskScheduler.submitted).as("late map outputs start nothing").hasSize(1);
        assertNoLeakedState();
    }

    @Test
    void cancelJobGroupCancelsOnlyTheJobsOfThatGroup() {
        Job inGroup = submit(new SourceRdd(context, 2), properties(DAGScheduler.JOB_GROUP_ID, "nightly"), 0, 1);
        TaskSet groupTasks = taskScheduler.last();
        Job other = submit(new SourceRdd(context, 2), properties(DAGScheduler.JOB_GROUP_ID, "adhoc"), 0, 1);
        TaskSet otherTasks = taskScheduler.last();

        dagScheduler.cancelJobGroup("nightly");

        EmberException error = failureOf(inGroup.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(error.getMessage()).contains("nightly");
        assertThat(taskScheduler.cancelledStageIds()).containsExactly(groupTasks.stageId());
        assertThat(other.waiter().completion()).isNotDone();

        completeResults(otherTasks, "a", "b");
        assertThat(other.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    @Test
    void cancellationInterruptsTaskThreadsOnlyWhenTheJobAskedForIt() {
        Job polite = submit(new SourceRdd(context, 1), properties(DAGScheduler.JOB_GROUP_ID, "polite"), 0);
        Properties interrupting = properties(DAGScheduler.JOB_GROUP_ID, "urgent");
        interrupting.setProperty(DAGScheduler.JOB_INTERRUPT_ON_CANCEL, "true");
        Job urgent = submit(new SourceRdd(context, 1), interrupting, 0);

        dagScheduler.cancelJobGroup("polite");
        dagScheduler.cancelJobGroup("urgent");

        assertThat(failureOf(polite.waiter()).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(failureOf(urgent.waiter()).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(taskScheduler.cancellations)
                .extracting(FakeTaskScheduler.Cancellation::interruptThread)
                .containsExactly(false, true);
        assertNoLeakedState();
    }

    @Test
    void stageSharedWithAnotherJobIsNotCancelledWithOneOfThem() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        ShuffleReadRdd reduced = new ShuffleReadRdd(shuffle);
        Job first = submit(reduced, 0, 1);
        TaskSet maps = taskScheduler.last();
        Job second = submit(new NarrowRdd(reduced), 0, 1);
        assertThat(taskScheduler.submitted)
                .as("the running map stage is shared, not submitted again")
                .hasSize(1);

        dagScheduler.cancelJob(first.id(), "by the user");

        assertThat(failureOf(first.waiter()).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(taskScheduler.cancellations).isEmpty();
        completeMaps(maps, 2, "exec-a");
        assertThat(taskScheduler.submitted).hasSize(2);
        TaskSet results = taskScheduler.last();
        assertThat(results.priority()).isEqualTo(second.id());
        completeResults(results, "a", "b");
        assertThat(second.waiter().completion()).isCompleted();
        assertThat(second.results()).containsOnly(entry(0, "a"), entry(1, "b"));
        assertNoLeakedState();
    }

    @Test
    void cancelStageFailsTheJobsDependingOnIt() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        TaskSet maps = taskScheduler.last();

        dagScheduler.cancelStage(maps.stageId(), "by the user");

        EmberException error = failureOf(job.waiter());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(error.getMessage()).contains("stage " + maps.stageId());
        assertThat(taskScheduler.cancelledStageIds()).containsExactly(maps.stageId());
        assertNoLeakedState();
    }

    // ---- accumulators and duplicate results ----

    @Test
    void accumulatorUpdatesAreMergedOnlyForSuccessfulTasks() {
        LongAccumulator accumulator = context.longAccumulator("records");
        Job job = submit(new SourceRdd(context, 2), 0, 1);
        TaskSet taskSet = taskScheduler.last();

        List<AccumulatorV2<?, ?>> failedUpdates = List.of(taskCopy(accumulator, 100));
        fail(
                taskSet,
                0,
                TaskEndReason.ExceptionFailure.of(new RuntimeException("bad record"), failedUpdates, null),
                failedUpdates);
        List<AccumulatorV2<?, ?>> killedUpdates = List.of(taskCopy(accumulator, 1000));
        fail(taskSet, 1, new TaskEndReason.TaskKilled("another attempt won", killedUpdates, null), killedUpdates);
        assertThat(accumulator.value())
                .as("failed and killed attempts add nothing")
                .isZero();

        succeed(taskSet, 0, "a", List.of(taskCopy(accumulator, 5)));
        succeed(taskSet, 1, "b", List.of(taskCopy(accumulator, 7)));

        assertThat(accumulator.value()).isEqualTo(12);
        assertThat(job.waiter().completion()).isCompleted();
        assertNoLeakedState();
    }

    @Test
    void secondSuccessOfAFinishedResultPartitionIsIgnored() {
        LongAccumulator accumulator = context.longAccumulator("rows");
        Job job = submit(new SourceRdd(context, 2), 0, 1);
        TaskSet taskSet = taskScheduler.last();

        succeed(taskSet, 0, "first", List.of(taskCopy(accumulator, 1)));
        succeed(taskSet, 0, "duplicate", List.of(taskCopy(accumulator, 1)));

        assertThat(job.results()).containsOnly(entry(0, "first"));
        assertThat(accumulator.value()).isEqualTo(1);
        assertThat(job.waiter().completion()).isNotDone();

        succeed(taskSet, 1, "second", List.of(taskCopy(accumulator, 1)));
        succeed(taskSet, 1, "after the end", List.of(taskCopy(accumulator, 1)));

        assertThat(job.waiter().completion()).isCompleted();
        assertThat(job.results()).containsOnly(entry(0, "first"), entry(1, "second"));
        assertThat(accumulator.value()).isEqualTo(2);
        assertNoLeakedState();
    }

    // ---- listener events ----

    @Test
    void listenerEventsOfASuccessfulJobComeInOrder() {
        PairShuffleDependency<Integer, Integer, Integer> shuffle = TestRdds.shuffle(new SourceRdd(context, 2), 2);
        Job job = submit(new ShuffleReadRdd(shuffle), 0, 1);
        TaskSet maps = taskScheduler.last();
        completeMaps(maps, 2, "exec-a");
        TaskSet results = taskScheduler.last();
        completeResults(results, "a", "b");

        assertThat(listenerBus.waitUntilEmpty(TIMEOUT)).isTrue();
        int map = maps.stageId();
        int result = results.stageId();
        assertThat(events)
                .containsExactly(
                        "JobStart " + job.id() + " stages=" + List.of(map, result),
                        "StageSubmitted " + map + ".0",
                        "StageCompleted " + map + ".0",
                        "StageSubmitted " + result + ".0",
                        "StageCompleted " + result + ".0",
                        "JobEnd " + job.id() + " succeeded");
        assertNoLeakedState();
    }

    @Test
    void listenerEventsOfACancelledJobEndWithAFailedStageAndAFailedJob() {
        Job job = submit(new SourceRdd(context, 2), 0, 1);
        int stage = taskScheduler.last().stageId();

        dagScheduler.cancelJob(job.id(), "by the user");

        assertThat(listenerBus.waitUntilEmpty(TIMEOUT)).isTrue();
        assertThat(events)
                .containsExactly(
                        "JobStart " + job.id() + " stages=" + List.of(stage),
                        "StageSubmitted " + stage + ".0",
                        "StageCompleted " + stage + ".0 failed",
                        "JobEnd " + job.id() + " failed");
        assertNoLeakedState();
    }

    // ---- helpers ----

    private Job submit(RDD<Pair<Integer, Integer>> rdd, int... partitions) {
        return submit(rdd, new Properties(), partitions);
    }

    private Job submit(RDD<Pair<Integer, Integer>> rdd, Properties properties, int... partitions) {
        Map<Integer, Object> results = new LinkedHashMap<>();
        TaskFunction<Pair<Integer, Integer>, Object> function = (taskContext, values) -> null;
        JobWaiter<Object> waiter =
                dagScheduler.submitJob(rdd, function, partitions, CALL_SITE, results::put, properties);
        return new Job(waiter, results);
    }

    private void succeed(TaskSet taskSet, int index, Object result) {
        succeed(taskSet, index, result, List.of());
    }

    private void succeed(TaskSet taskSet, int index, Object result, List<AccumulatorV2<?, ?>> updates) {
        Task<?> task = taskSet.tasks().get(index);
        dagScheduler.taskEnded(
                task,
                new TaskEndReason.Success(),
                result,
                updates,
                new TaskMetrics(),
                finishedInfo(task, index, false));
    }

    private void fail(TaskSet taskSet, int index, TaskEndReason reason, List<AccumulatorV2<?, ?>> updates) {
        Task<?> task = taskSet.tasks().get(index);
        dagScheduler.taskEnded(task, reason, null, updates, new TaskMetrics(), finishedInfo(task, index, true));
    }

    private TaskInfo finishedInfo(Task<?> task, int index, boolean failed) {
        TaskInfo info = new TaskInfo(
                nextTaskId++,
                index,
                0,
                task.partitionId(),
                clock.millis(),
                "exec-a",
                "host-exec-a",
                TaskLocality.PROCESS_LOCAL,
                false);
        info.markFinished(clock.millis(), failed, false);
        return info;
    }

    /** Succeeds every task of a map stage attempt, with outputs on {@code executorId}. */
    private void completeMaps(TaskSet taskSet, int reducers, String executorId) {
        for (int i = 0; i < taskSet.tasks().size(); i++) {
            Task<?> task = taskSet.tasks().get(i);
            succeed(taskSet, i, mapStatus(executorId, reducers, task.partitionId()));
        }
    }

    private void completeResults(TaskSet taskSet, Object... results) {
        assertThat(taskSet.tasks()).hasSameSizeAs(results);
        for (int i = 0; i < results.length; i++) {
            succeed(taskSet, i, results[i]);
        }
    }

    private static TaskEndReason.FetchFailed fetchFailed(
            PairShuffleDependency<?, ?, ?> shuffle, String executorId, int mapIndex) {
        return new TaskEndReason.FetchFailed(
                blockManager(executorId),
                shuffle.shuffleId(),
                mapIndex,
                mapIndex,
                0,
                "could not fetch map output " + mapIndex + " from " + executorId);
    }

    private static MapStatus mapStatus(String executorId, int reducers, long mapId) {
        long[] sizes = new long[reducers];
        Arrays.fill(sizes, 100);
        return MapStatus.of(blockManager(executorId), sizes, mapId);
    }

    private static BlockManagerId blockManager(String executorId) {
        return new BlockManagerId(executorId, "host-" + executorId, 7337);
    }

    private void registerCachedPartitions(BlockManagerId holder, RDD<?> rdd, int... partitions) {
        blockManagerMaster.registerBlockManager(holder, 1 << 20, 0, new IdleEndpoint());
        for (int partition : partitions) {
            blockManagerMaster.updateBlockInfo(
                    holder, new BlockId.RddBlockId(rdd.id(), partition), StorageLevel.MEMORY_ONLY, 64, 0);
        }
    }

    /** A copy of {@code accumulator} as a task would send it back, holding {@code value}. */
    private static LongAccumulator taskCopy(LongAccumulator accumulator, long value) {
        LongAccumulator copy = JAVA.deserialize(JAVA.serialize(accumulator));
        copy.add(value);
        return copy;
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    private static List<Integer> partitionsOf(TaskSet taskSet) {
        return taskSet.tasks().stream().map(Task::partitionId).toList();
    }

    private static EmberException failureOf(JobWaiter<?> waiter) {
        assertThat(waiter.completion()).isCompletedExceptionally();
        Throwable thrown = catchThrowable(() -> waiter.completion().join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(EmberException.class);
        return (EmberException) thrown.getCause();
    }

    private void assertNoLeakedState() {
        assertThat(dagScheduler.bookkeeping()).isEqualTo(NO_LEAKED_STATE);
    }

    /** Writes job and stage events as short lines, read when they are delivered. */
    private static final class EventRecorder implements EmberListener {
        private final List<String> lines;

        EventRecorder(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onJobStart(EmberListenerEvent.JobStart event) {
            List<Integer> stageIds = new ArrayList<>(event.stageIds());
            Collections.sort(stageIds);
            lines.add("JobStart " + event.jobId() + " stages=" + stageIds);
        }

        @Override
        public void onJobEnd(EmberListenerEvent.JobEnd event) {
            lines.add("JobEnd " + event.jobId()
                    + (event.result() instanceof JobResult.JobSucceeded ? " succeeded" : " failed"));
        }

        @Override
        public void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
            lines.add("StageSubmitted " + event.stageInfo().stageId() + "."
                    + event.stageInfo().attemptNumber());
        }

        @Override
        public void onStageCompleted(EmberListenerEvent.StageCompleted event) {
            lines.add("StageCompleted " + event.stageInfo().stageId() + "."
                    + event.stageInfo().attemptNumber()
                    + (event.stageInfo().failureReason() != null ? " failed" : ""));
        }
    }

    /** A block manager that is never asked to remove anything in these tests. */
    private static final class IdleEndpoint implements BlockManagerEndpoint {
        @Override
        public void removeBlock(BlockId blockId) {}

        @Override
        public int removeRdd(int rddId) {
            return 0;
        }

        @Override
        public int removeBroadcast(long broadcastId, boolean tellMaster) {
            return 0;
        }

        @Override
        public boolean removeShuffle(int shuffleId) {
            return false;
        }
    }
}
