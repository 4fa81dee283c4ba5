package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.JobFuture;
import dev.ember.Pair;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.function.TaskFunction;
import dev.ember.internal.ContextInternals;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The DAG scheduler, the task scheduler and the local backend together, in a real context: whatever a job does,
 * when it is over nothing of it stays scheduled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSchedulingTest {
    private static final String NO_LEAKED_STATE =
            "jobs=0 jobIdToStageIds=0 stages=0 shuffleStages=0 waiting=0 running=0 failed=0";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final CountDownLatch BLOCKED_TASK_STARTED = new CountDownLatch(1);

    private EmberContext context;
    private TaskEndCounter taskEnds;

    @BeforeAll
    void startContext() {
        context = new EmberContext(new EmberConf(false).setMaster("local[2,2]").setAppName("local-scheduling-test"));
        taskEnds = new TaskEndCounter();
        context.addListener(taskEnds);
    }

    @AfterAll
    void stopContext() {
        context.stop();
    }

    @AfterEach
    void clearJobGroup() {
        context.clearJobGroup();
    }

    @Test
    void successfulJobsLeaveNoTasksNoTaskSetsAndNoStages() {
        List<Integer> numbers = IntStream.range(0, 100).boxed().toList();
        RDD<Integer> doubled = context.parallelize(numbers, 4).map(x -> x * 2);
        assertThat(doubled.collect()).hasSize(100).startsWith(0, 2, 4);
        assertNothingScheduled();

        Map<Integer, Integer> counts = context.parallelize(numbers, 4)
                .mapToPair(x -> Pair.of(x % 3, 1))
                .reduceByKey(Integer::sum, 2)
                .collectAsMap();
        assertThat(counts).containsOnlyKeys(0, 1, 2);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertNothingScheduled();
    }

    @Test
    void failedSingleTaskJobLeavesNothingScheduled() {
        RDD<Integer> failing = context.parallelize(List.of(1), 1).map(x -> {
            throw new IllegalStateException("bad record " + x);
        });

        EmberException error = catchThrowableOfType(EmberException.class, failing::collect);

        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getMessage()).contains("failed 2 times").contains("bad record 1");
        assertNothingScheduled();
    }

    @Test
    void failedJobWhoseOtherTasksAreStillRunningLeavesNothingScheduledOnceTheyEnd() {
        RDD<Integer> failing = context.parallelize(
                        IntStream.range(0, 40).boxed().toList(), 8)
                .map(x -> {
                    if (x == 0) {
                        throw new IllegalStateException("bad record " + x);
                    }
                    return x;
                });

        EmberException error = catchThrowableOfType(EmberException.class, failing::collect);

        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        awaitEveryStartedTaskEnded();
        assertNothingScheduled();
        assertThat(context.parallelize(List.of(1, 2, 3), 2).count())
                .as("the scheduler still runs jobs")
                .isEqualTo(3L);
        assertNothingScheduled();
    }

    @Test
    void cancelledJobGroupLeavesNothingScheduled() throws Exception {
        context.setJobGroup("blocking", "a job that waits to be cancelled", true);
        TaskFunction<Integer, Integer> waitForever = LocalSchedulingTest::blockUntilInterrupted;
        JobFuture<Void> future = context.submitJob(
                context.parallelize(List.of(1, 2), 1), waitForever, new int[] {0}, (i, v) -> {}, () -> null);
        assertThat(BLOCKED_TASK_STARTED.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();

        context.cancelJobGroup("blocking");

        Throwable thrown = catchThrowable(() -> future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(EmberException.class);
        assertThat(((EmberException) thrown.getCause()).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        awaitEveryStartedTaskEnded();
        assertNothingScheduled();
    }

    private static Integer blockUntilInterrupted(TaskContext taskContext, Iterator<Integer> values)
            throws InterruptedException {
        BLOCKED_TASK_STARTED.countDown();
        new CountDownLatch(1).await();
        return 0;
    }

    private void awaitEveryStartedTaskEnded() {
        assertThat(ContextInternals.listenerBus(context).waitUntilEmpty(TIMEOUT))
                .isTrue();
        assertThat(taskEnds.awaitAllEnded(TIMEOUT))
                .as("every started task reported its end")
                .isTrue();
    }

    private void assertNothingScheduled() {
        TaskSchedulerImpl taskScheduler = ContextInternals.taskScheduler(context);
        assertThat(taskScheduler.runningTaskCount()).isZero();
        assertThat(taskScheduler.activeTaskSetCount()).isZero();
        assertThat(ContextInternals.dagScheduler(context).bookkeeping()).isEqualTo(NO_LEAKED_STATE);
    }

    /** Counts task starts and ends as listeners see them; waits (bounded) until every started task ended. */
    private static final class TaskEndCounter implements EmberListener {
        private int started;
        private int ended;

        @Override
        public synchronized void onTaskStart(EmberListenerEvent.TaskStart event) {
            started++;
        }

        @Override
        public synchronized void onTaskEnd(EmberListenerEvent.TaskEnd event) {
            ended++;
            notifyAll();
        }

        synchronized boolean awaitAllEnded(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ended < started) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    return false;
                }
                try {
                    wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
