package dev.ember.scheduler;

import static dev.ember.scheduler.TaskFixtures.exceptionFailure;
import static dev.ember.scheduler.TaskFixtures.killed;
import static dev.ember.scheduler.TaskFixtures.offer;
import static dev.ember.scheduler.TaskFixtures.resultTasks;
import static dev.ember.scheduler.TaskFixtures.success;
import static dev.ember.scheduler.TaskFixtures.withIndex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.LongAccumulator;
import dev.ember.events.TaskInfo;
import dev.ember.events.TaskLocality;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.scheduler.RecordingTaskSchedulerListener.Ended;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One task set at a time through a {@link TaskSchedulerImpl} without threads: retries, locality waits and
 * speculation, with a manual clock. The context only registers accumulators.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskSetManagerTest {
    private EmberContext context;
    private ManualClock clock;
    private FakeBackend backend;
    private RecordingTaskSchedulerListener listener;

    @BeforeAll
    void startContext() {
        context = new EmberContext(new EmberConf(false).setMaster("local[1]").setAppName("task-set-manager-test"));
    }

    @AfterAll
    void stopContext() {
        context.stop();
    }

    @BeforeEach
    void setUp() {
        clock = new ManualClock(1_000_000);
        backend = new FakeBackend();
        listener = new RecordingTaskSchedulerListener();
    }

    private TaskSchedulerImpl scheduler(EmberConf conf) {
        return TaskFixtures.scheduler(conf, clock, backend, listener);
    }

    // ---- retries ----

    @Test
    void failedTaskIsRetriedAndItsTaskSetAbortedAfterMaxFailures() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.task.maxFailures", "3"));
        scheduler.submitTasks(resultTasks(0, 0, 2));
        List<TaskDescription> launched = offer(scheduler, "exec-a", "host-a", 2);
        assertThat(launched).hasSize(2);
        TaskDescription other = withIndex(launched, 1);
        long taskId = withIndex(launched, 0).taskId();

        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                List<TaskDescription> retry = offer(scheduler, "exec-a", "host-a", 1);
                assertThat(retry).hasSize(1);
                assertThat(retry.get(0).index()).isZero();
                assertThat(retry.get(0).attemptNumber()).isEqualTo(attempt);
                taskId = retry.get(0).taskId();
            }
            assertThat(listener.taskSetFailures).isEmpty();
            int revives = backend.revives;
            scheduler.statusUpdate(
                    taskId, TaskState.FAILED, exceptionFailure(new IllegalArgumentException("bad record " + attempt)));
            assertThat(listener.lastEnded().reason()).isInstanceOf(TaskEndReason.ExceptionFailure.class);
            if (attempt < 2) {
                assertThat(backend.revives).as("a retry asks for slots").isGreaterThan(revives);
            }
        }

        assertThat(listener.taskSetFailures).hasSize(1);
        RecordingTaskSchedulerListener.TaskSetFailure failure = listener.taskSetFailures.get(0);
        assertThat(failure.reason())
                .contains("Task 0 in stage 0.0 failed 3 times")
                .contains("bad record 2");
        assertThat(failure.exception())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad record 2");
        assertThat(offer(scheduler, "exec-a", "host-a", 4))
                .as("an aborted task set launches nothing")
                .isEmpty();
        assertThat(scheduler.activeTaskSetCount()).as("task 1 still runs").isEqualTo(1);

        scheduler.statusUpdate(other.taskId(), TaskState.KILLED, killed("job aborted"));
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    @Test
    void killedAttemptsDoNotCountAsFailures() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.task.maxFailures", "2"));
        scheduler.submitTasks(resultTasks(0, 0, 1));
        long taskId = offer(scheduler, "exec-a", "host-a", 1).get(0).taskId();

        for (int kill = 0; kill < 3; kill++) {
            scheduler.statusUpdate(taskId, TaskState.KILLED, killed("preempted"));
            assertThat(listener.lastEnded().reason()).isInstanceOf(TaskEndReason.TaskKilled.class);
            List<TaskDescription> again = offer(scheduler, "exec-a", "host-a", 1);
            assertThat(again).as("the killed task runs again").hasSize(1);
            taskId = again.get(0).taskId();
        }
        assertThat(listener.taskSetFailures).isEmpty();

        scheduler.statusUpdate(taskId, TaskState.FINISHED, success(42));
        Ended end = listener.lastEnded();
        assertThat(end.reason()).isInstanceOf(TaskEndReason.Success.class);
        assertThat(end.result()).isEqualTo(42);
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    // ---- locality ----

    @Test
    void taskWaitsForItsPreferredExecutorUntilTheLocalityWaitExpires() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.locality.wait", "3s"));
        scheduler.submitTasks(preferring("host-1", "exec-a"));

        assertThat(offer(scheduler, "exec-b", "host-1", 1)).isEmpty();
        clock.advance(2_999);
        assertThat(offer(scheduler, "exec-b", "host-1", 1)).isEmpty();
        clock.advance(1);
        List<TaskDescription> launched = offer(scheduler, "exec-b", "host-1", 1);

        assertThat(launched).hasSize(1);
        assertThat(listener.info(launched.get(0).taskId()).locality())
                .as("same host as the preferred executor")
                .isEqualTo(TaskLocality.NODE_LOCAL);
    }

    @Test
    void taskRunsOnItsPreferredExecutorAtOnce() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.locality.wait", "3s"));
        scheduler.submitTasks(preferring("host-1", "exec-a"));

        List<List<TaskDescription>> launched = scheduler.resourceOffers(
                List.of(new WorkerOffer("exec-b", "host-1", 1), new WorkerOffer("exec-a", "host-1", 1)));

        assertThat(launched.get(0)).isEmpty();
        assertThat(launched.get(1)).hasSize(1);
        assertThat(listener.info(launched.get(1).get(0).taskId()).locality()).isEqualTo(TaskLocality.PROCESS_LOCAL);
    }

    @Test
    void taskGoesToAnotherHostOnlyAfterWaitingAtEveryLocalityLevel() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.locality.wait", "3s"));
        scheduler.submitTasks(preferring("host-1", "exec-a"));

        clock.advance(3_000);
        assertThat(offer(scheduler, "exec-c", "host-2", 1))
                .as("waiting for a slot on host-1 now")
                .isEmpty();
        clock.advance(3_000);
        List<TaskDescription> launched = offer(scheduler, "exec-c", "host-2", 1);

        assertThat(launched).hasSize(1);
        assertThat(listener.info(launched.get(0).taskId()).locality()).isEqualTo(TaskLocality.ANY);
    }

    // ---- speculation ----

    @Test
    void slowTaskIsSpeculatedOnAnotherExecutorAndOnlyTheFirstSuccessCounts() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.speculation", "true"));
        LongAccumulator accumulator = context.longAccumulator("speculated");
        scheduler.submitTasks(resultTasks(0, 0, 4));
        assertThat(offer(scheduler, "exec-b", "host-b", 0)).isEmpty();
        List<TaskDescription> launched = offer(scheduler, "exec-a", "host-a", 4);
        assertThat(launched).hasSize(4);

        clock.advance(1_000);
        for (int index = 0; index < 3; index++) {
            scheduler.statusUpdate(withIndex(launched, index).taskId(), TaskState.FINISHED, success(index));
        }
        TaskDescription straggler = withIndex(launched, 3);
        scheduler.checkSpeculatableTasks();
        assertThat(listener.speculations)
                .as("1000 ms is not 1.5 times the median of 1000 ms")
                .isEmpty();

        clock.advance(1_000);
        int revives = backend.revives;
        scheduler.checkSpeculatableTasks();
        assertThat(listener.speculations).hasSize(1);
        assertThat(listener.speculations.get(0).taskIndex()).isEqualTo(3);
        assertThat(backend.revives).isGreaterThan(revives);

        assertThat(offer(scheduler, "exec-a", "host-a", 1))
                .as("no copy next to the original")
                .isEmpty();
        List<TaskDescription> copies = offer(scheduler, "exec-b", "host-b", 1);
        assertThat(copies).hasSize(1);
        TaskDescription copy = copies.get(0);
        assertThat(copy.index()).isEqualTo(3);
        assertThat(copy.attemptNumber()).isEqualTo(1);
        TaskInfo copyInfo = listener.info(copy.taskId());
        assertThat(copyInfo.speculative()).isTrue();
        assertThat(copyInfo.executorId()).isEqualTo("exec-b");

        scheduler.statusUpdate(copy.taskId(), TaskState.FINISHED, success("copy", List.of(taskCopy(accumulator, 1))));
        assertThat(backend.kills).hasSize(1);
        assertThat(backend.kills.get(0).taskId()).isEqualTo(straggler.taskId());
        assertThat(backend.kills.get(0).executorId()).isEqualTo("exec-a");
        Ended winner = listener.lastEnded();
        assertThat(winner.reason()).isInstanceOf(TaskEndReason.Success.class);
        assertThat(winner.result()).isEqualTo("copy");
        assertThat(winner.accumulatorUpdates()).hasSize(1);

        scheduler.statusUpdate(
                straggler.taskId(), TaskState.FINISHED, success("original", List.of(taskCopy(accumulator, 1))));
        Ended duplicate = listener.lastEnded();
        assertThat(duplicate.info().taskId()).isEqualTo(straggler.taskId());
        assertThat(duplicate.accumulatorUpdates())
                .as("a duplicate success adds nothing")
                .isEmpty();
        assertThat(scheduler.activeTaskSetCount()).isZero();
        assertThat(scheduler.runningTaskCount()).isZero();
    }

    @Test
    void noSpeculationBeforeEnoughTasksFinished() {
        TaskSchedulerImpl scheduler = scheduler(new EmberConf(false).set("ember.speculation", "true"));
        scheduler.submitTasks(resultTasks(0, 0, 4));
        offer(scheduler, "exec-b", "host-b", 0);
        List<TaskDescription> launched = offer(scheduler, "exec-a", "host-a", 4);
        clock.advance(1_000);
        scheduler.statusUpdate(withIndex(launched, 0).taskId(), TaskState.FINISHED, success(0));
        scheduler.statusUpdate(withIndex(launched, 1).taskId(), TaskState.FINISHED, success(1));

        clock.advance(60_000);
        scheduler.checkSpeculatableTasks();

        assertThat(listener.speculations)
                .as("2 of 4 finished, below the 0.75 quantile")
                .isEmpty();
        assertThat(offer(scheduler, "exec-b", "host-b", 1)).isEmpty();
    }

    // ---- helpers ----

    private static TaskSet preferring(String host, String executorId) {
        return resultTasks(
                0, 0, 1, new Properties(), List.of(List.of(new TaskLocation.ExecutorCache(host, executorId))));
    }

    /** A copy of {@code accumulator} as a task would send it back, holding {@code value}. */
    private static LongAccumulator taskCopy(LongAccumulator accumulator, long value) {
        LongAccumulator copy = TaskFixtures.JAVA.deserialize(TaskFixtures.JAVA.serialize(accumulator));
        copy.add(value);
        return copy;
    }
}
