package dev.ember.scheduler;

import static dev.ember.scheduler.TaskFixtures.killed;
import static dev.ember.scheduler.TaskFixtures.offer;
import static dev.ember.scheduler.TaskFixtures.resultTasks;
import static dev.ember.scheduler.TaskFixtures.shuffleMapTasks;
import static dev.ember.scheduler.TaskFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig.SchedulingMode;
import dev.ember.executor.ResultTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.scheduler.RecordingTaskSchedulerListener.Ended;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task scheduler with a fake backend and a recording listener, without threads: slots per core, ordering
 * between task sets (FIFO, FAIR pools), cancellation, lost executors and results that cannot be taken.
 */
class TaskSchedulerImplTest {
    private ManualClock clock;
    private FakeBackend backend;
    private RecordingTaskSchedulerListener listener;

    @TempDir
    Path directory;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(1_000_000);
        backend = new FakeBackend();
        listener = new RecordingTaskSchedulerListener();
    }

    private TaskSchedulerImpl scheduler(EmberConf conf) {
        return TaskFixtures.scheduler(conf, clock, backend, listener);
    }

    // ---- slots ----

    @Test
    void offersLaunchAtMostOneTaskPerCore() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(0, 0, 5));

        List<List<TaskDescription>> launched = scheduler.resourceOffers(
                List.of(new WorkerOffer("exec-a", "host-a", 2), new WorkerOffer("exec-b", "host-b", 1)));

        assertThat(launched.get(0)).hasSize(2).allMatch(task -> task.executorId()
                .equals("exec-a"));
        assertThat(launched.get(1)).hasSize(1).allMatch(task -> task.executorId()
                .equals("exec-b"));
        assertThat(scheduler.runningTaskCount()).isEqualTo(3);
        assertThat(offer(scheduler, "exec-a", "host-a", 0)).isEmpty();

        scheduler.statusUpdate(launched.get(1).get(0).taskId(), TaskState.FINISHED, success("done"));
        assertThat(offer(scheduler, "exec-b", "host-b", 1)).hasSize(1);
        assertThat(offer(scheduler, "exec-c", "host-c", 8))
                .as("one task is left")
                .hasSize(1);
        assertThat(scheduler.runningTaskCount()).isEqualTo(4);
    }

    @Test
    void tasksNeedingTwoCoresTakeTwoCoresEach() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.task.cpus", "2"));
        scheduler.submitTasks(resultTasks(0, 0, 5));

        assertThat(offer(scheduler, "exec-a", "host-a", 5)).hasSize(2);
        assertThat(offer(scheduler, "exec-b", "host-b", 1)).isEmpty();
    }

    // ---- ordering ----

    @Test
    void fifoRunsEarlierJobsFirstThenEarlierStages() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(5, 1, 1));
        scheduler.submitTasks(resultTasks(3, 0, 1));
        scheduler.submitTasks(resultTasks(2, 0, 1));

        List<Integer> stagesInLaunchOrder = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(offer(scheduler, "exec-a", "host-a", 1)).hasSize(1);
            stagesInLaunchOrder.add(lastStartedStage());
        }

        assertThat(stagesInLaunchOrder).containsExactly(2, 3, 5);
    }

    @Test
    void fairPoolsShareSlotsByWeight() throws IOException {
        Path file = allocations(
                """
                <?xml version="1.0"?>
                <allocations>
                  <pool name="heavy"><schedulingMode>FIFO</schedulingMode><weight>2</weight></pool>
                  <pool name="light"><weight>1</weight><minShare>0</minShare></pool>
                </allocations>
                """);
        TaskSchedulerImpl scheduler = scheduler(fair(file));
        scheduler.submitTasks(resultTasks(0, 0, 10, pool("heavy"), List.of()));
        scheduler.submitTasks(resultTasks(1, 1, 10, pool("light"), List.of()));

        List<Integer> stages = takeSlotsOneByOne(scheduler, 6);

        assertThat(stages.stream().filter(stage -> stage == 0)).as("heavy").hasSize(4);
        assertThat(stages.stream().filter(stage -> stage == 1)).as("light").hasSize(2);
    }

    @Test
    void fairPoolBelowItsMinShareGetsSlotsFirst() throws IOException {
        Path file = allocations(
                """
                <allocations>
                  <pool name="big"><weight>10</weight></pool>
                  <pool name="small"><weight>1</weight><minShare>2</minShare></pool>
                </allocations>
                """);
        TaskSchedulerImpl scheduler = scheduler(fair(file));
        scheduler.submitTasks(resultTasks(0, 0, 10, pool("big"), List.of()));
        scheduler.submitTasks(resultTasks(1, 1, 10, pool("small"), List.of()));

        assertThat(takeSlotsOneByOne(scheduler, 4)).containsExactly(1, 1, 0, 0);
    }

    @Test
    void fairPoolNamedByAJobButNotDeclaredIsCreated() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.scheduler.mode", "FAIR"));
        scheduler.submitTasks(resultTasks(0, 0, 1, pool("adhoc"), List.of()));

        Pool created = scheduler.rootPool().subPool("adhoc");
        assertThat(created).isNotNull();
        assertThat(created.mode()).isEqualTo(SchedulingMode.FIFO);
        assertThat(created.weight()).isEqualTo(1);
        assertThat(created.minShare()).isZero();
        assertThat(scheduler.rootPool().subPool(SchedulingPools.DEFAULT_POOL)).isNotNull();
        assertThat(offer(scheduler, "exec-a", "host-a", 1)).hasSize(1);
    }

    @Test
    void malformedAllocationFileIsReportedWithItsName() throws IOException {
        Path file = allocations("<allocations><pool name=\"broken\">");

        EmberException error = catchThrowableOfType(EmberException.class, () -> scheduler(fair(file)));

        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_CONFIG_VALUE);
        assertThat(error.getMessage()).contains(file.toString());
    }

    @Test
    void allocationFileWithABadWeightIsReportedWithTheFileAndPool() throws IOException {
        Path file = allocations("<allocations><pool name=\"heavy\"><weight>a lot</weight></pool></allocations>");

        EmberException error = catchThrowableOfType(EmberException.class, () -> scheduler(fair(file)));

        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_CONFIG_VALUE);
        assertThat(error.getMessage())
                .contains(file.toString())
                .contains("heavy")
                .contains("weight");
    }

    @Test
    void missingAllocationFileIsReportedWithItsName() {
        Path file = directory.resolve("no-such-pools.xml");

        EmberException error = catchThrowableOfType(EmberException.class, () -> scheduler(fair(file)));

        assertThat(error.getMessage()).contains(file.toString()).contains("does not exist");
    }

    // ---- attempts of one stage ----

    @Test
    void newAttemptOfAStageReplacesAnOlderAttemptThatRunsNothing() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(0, 0, 2));

        scheduler.submitTasks(attempt(resultTasks(0, 0, 2), 1));

        assertThat(scheduler.activeTaskSetCount())
                .as("the new attempt is tracked")
                .isEqualTo(1);
        List<TaskDescription> launched = offer(scheduler, "exec-a", "host-a", 4);
        assertThat(launched).as("only the new attempt launches tasks").hasSize(2);
        assertThat(listener.started).allMatch(start -> start.task().stageAttemptId() == 1);
        scheduler.cancelTasks(0, false, "stage cancelled");
        assertThat(backend.killedTaskIds())
                .containsExactlyInAnyOrderElementsOf(
                        launched.stream().map(TaskDescription::taskId).toList());
    }

    @Test
    void newAttemptOfAStageLeavesTheRunningTasksOfTheOlderAttemptToFinish() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(0, 0, 2));
        TaskDescription older = offer(scheduler, "exec-a", "host-a", 1).get(0);

        scheduler.submitTasks(attempt(resultTasks(0, 0, 2), 1));

        assertThat(scheduler.activeTaskSetCount()).isEqualTo(2);
        List<TaskDescription> launched = offer(scheduler, "exec-b", "host-b", 4);
        assertThat(launched).hasSize(2);
        scheduler.statusUpdate(older.taskId(), TaskState.FINISHED, success("old"));
        assertThat(listener.lastEnded().reason()).isInstanceOf(TaskEndReason.Success.class);
        assertThat(scheduler.activeTaskSetCount())
                .as("the older attempt is done")
                .isEqualTo(1);
        for (TaskDescription task : launched) {
            scheduler.statusUpdate(task.taskId(), TaskState.FINISHED, success("new"));
        }
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    // ---- cancellation and lost executors ----

    @Test
    void cancelTasksKillsRunningTasksAndLaunchesNoMore() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(0, 0, 3));
        List<TaskDescription> launched = offer(scheduler, "exec-a", "host-a", 2);

        scheduler.cancelTasks(0, true, "job cancelled");

        assertThat(backend.killedTaskIds())
                .containsExactlyInAnyOrderElementsOf(
                        launched.stream().map(TaskDescription::taskId).toList());
        assertThat(backend.kills).allMatch(FakeBackend.Kill::interruptThread);
        assertThat(offer(scheduler, "exec-a", "host-a", 4)).isEmpty();
        assertThat(scheduler.activeTaskSetCount()).isEqualTo(1);
        for (TaskDescription task : launched) {
            scheduler.statusUpdate(task.taskId(), TaskState.KILLED, killed("job cancelled"));
        }
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
        assertThat(listener.taskSetFailures).isEmpty();
    }

    @Test
    void tasksOfALostExecutorRunAgainElsewhereWithoutCountingAsFailures() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.task.maxFailures", "1"));
        scheduler.submitTasks(resultTasks(0, 0, 2));
        TaskDescription onA = offer(scheduler, "exec-a", "host-a", 1).get(0);
        TaskDescription onB = offer(scheduler, "exec-b", "host-b", 1).get(0);

        scheduler.executorLost("exec-a", "worker lost");

        assertThat(listener.executorsLost).containsExactly("exec-a");
        Ended lost = listener.lastEnded();
        assertThat(lost.info().taskId()).isEqualTo(onA.taskId());
        assertThat(lost.reason()).isInstanceOf(TaskEndReason.ExecutorLostFailure.class);
        assertThat(listener.taskSetFailures).isEmpty();
        assertThat(scheduler.runningTaskCount()).isEqualTo(1);

        List<TaskDescription> rerun = offer(scheduler, "exec-c", "host-c", 1);
        assertThat(rerun).hasSize(1);
        assertThat(rerun.get(0).index()).isEqualTo(onA.index());
        assertThat(rerun.get(0).attemptNumber()).isEqualTo(1);
        scheduler.statusUpdate(onA.taskId(), TaskState.FINISHED, success("from the lost executor"));
        assertThat(listener.ended)
                .as("a late report from the lost executor is ignored")
                .hasSize(1);

        scheduler.statusUpdate(rerun.get(0).taskId(), TaskState.FINISHED, success("a"));
        scheduler.statusUpdate(onB.taskId(), TaskState.FINISHED, success("b"));
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    @Test
    void anExecutorLostPossiblyBecauseOfItsTasksCountsAgainstThem() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.task.maxFailures", "2"));
        scheduler.submitTasks(resultTasks(0, 0, 1));
        offer(scheduler, "exec-a", "host-a", 1);

        scheduler.executorLost("exec-a", "connection closed", true);

        TaskEndReason reason = listener.lastEnded().reason();
        assertThat(reason).isInstanceOf(TaskEndReason.ExecutorLostFailure.class);
        assertThat(((TaskEndReason.ExecutorLostFailure) reason).causedByApp()).isTrue();
        assertThat(listener.taskSetFailures).isEmpty();
        List<TaskDescription> second = offer(scheduler, "exec-b", "host-b", 1);
        assertThat(second).singleElement().satisfies(task -> assertThat(task.attemptNumber())
                .isEqualTo(1));

        scheduler.executorLost("exec-b", "connection closed", true);

        assertThat(listener.taskSetFailures)
                .as("the second crashed executor uses up the task's two attempts")
                .hasSize(1);
    }

    @Test
    void finishedMapTaskWhoseExecutorIsLostRunsAgain() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(shuffleMapTasks(0, 0, 2));
        TaskDescription onA = offer(scheduler, "exec-a", "host-a", 1).get(0);
        offer(scheduler, "exec-b", "host-b", 1);
        scheduler.statusUpdate(onA.taskId(), TaskState.FINISHED, success("map output on exec-a"));

        scheduler.executorLost("exec-a", "worker lost");

        assertThat(listener.lastEnded().reason()).isInstanceOf(TaskEndReason.Resubmitted.class);
        List<TaskDescription> rerun = offer(scheduler, "exec-c", "host-c", 1);
        assertThat(rerun).hasSize(1);
        assertThat(rerun.get(0).index()).isEqualTo(onA.index());
    }

    @Test
    void finishedMapTaskWhoseOutputMovedBeforeItsExecutorLeftDoesNotRunAgain() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(shuffleMapTasks(0, 0, 3));
        TaskDescription moved = offer(scheduler, "exec-a", "host-a", 1).get(0);
        scheduler.statusUpdate(moved.taskId(), TaskState.FINISHED, success("map output handed to exec-b"));
        TaskDescription kept = offer(scheduler, "exec-a", "host-a", 1).get(0);
        scheduler.statusUpdate(kept.taskId(), TaskState.FINISHED, success("map output left on exec-a"));
        listener.movedOutputs.put("exec-a", java.util.Set.of(moved.taskId()));

        scheduler.executorLost("exec-a", "decommissioned", false);

        assertThat(listener.ended)
                .filteredOn(end -> end.reason() instanceof TaskEndReason.Resubmitted)
                .extracting(end -> end.info().index())
                .as("only the output left behind is recomputed")
                .containsExactly(kept.index());
        List<TaskDescription> rerun = offer(scheduler, "exec-b", "host-b", 2);
        assertThat(rerun).extracting(TaskDescription::index).containsExactlyInAnyOrder(kept.index(), 2);
    }

    // ---- results that cannot be taken ----

    @Test
    void resultsAboveMaxResultSizeAbortTheTaskSetAndLeaveNothingRunning() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.driver.maxResultSize", "1024"));
        scheduler.submitTasks(resultTasks(0, 0, 1));
        TaskDescription task = offer(scheduler, "exec-a", "host-a", 1).get(0);

        scheduler.statusUpdate(task.taskId(), TaskState.FINISHED, success(new byte[4096]));

        assertThat(listener.taskSetFailures).hasSize(1);
        assertThat(listener.taskSetFailures.get(0).reason()).contains("ember.driver.maxResultSize");
        assertThat(listener.ended).as("the attempt is reported as ended").hasSize(1);
        assertThat(listener.lastEnded().reason()).isNotInstanceOf(TaskEndReason.Success.class);
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    @Test
    void unreadableResultAbortsTheTaskSetAndLeavesNothingRunning() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false));
        scheduler.submitTasks(resultTasks(0, 0, 1));
        TaskDescription task = offer(scheduler, "exec-a", "host-a", 1).get(0);

        scheduler.statusUpdate(task.taskId(), TaskState.FINISHED, new byte[] {1, 2, 3});

        assertThat(listener.taskSetFailures).hasSize(1);
        assertThat(listener.taskSetFailures.get(0).reason()).contains("Failed to read the result of task");
        assertThat(listener.ended).hasSize(1);
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    // ---- helpers ----

    private int lastStartedStage() {
        return listener.started.get(listener.started.size() - 1).task().stageId();
    }

    /** Offers {@code slots} single slots one after another, each after the previous launch; the stages served. */
    private List<Integer> takeSlotsOneByOne(TaskSchedulerImpl scheduler, int slots) {
        List<Integer> stages = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            assertThat(offer(scheduler, "exec-" + i, "host-a", 1)).hasSize(1);
            stages.add(lastStartedStage());
        }
        return stages;
    }

    /** The same tasks as attempt {@code stageAttemptId} of their stage. */
    private static TaskSet attempt(TaskSet taskSet, int stageAttemptId) {
        List<Task<?>> tasks = new ArrayList<>();
        for (Task<?> task : taskSet.tasks()) {
            tasks.add(new ResultTask<>(
                    task.stageId(),
                    stageAttemptId,
                    task.jobId(),
                    task.partition(),
                    taskSet.tasks().size(),
                    new byte[0],
                    task.partitionId()));
        }
        return new TaskSet(
                tasks,
                taskSet.stageId(),
                stageAttemptId,
                taskSet.priority(),
                taskSet.properties(),
                taskSet.locations());
    }

    private Path allocations(String xml) throws IOException {
        Path file = directory.resolve("pools.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    private static EmberConf fair(Path allocationFile) {
        return new EmberConf(false)
                .set("ember.scheduler.mode", "FAIR")
                .set("ember.scheduler.allocation.file", allocationFile.toString());
    }

    private static Properties pool(String name) {
        Properties properties = new Properties();
        properties.setProperty(SchedulingPools.POOL_PROPERTY, name);
        return properties;
    }
}
