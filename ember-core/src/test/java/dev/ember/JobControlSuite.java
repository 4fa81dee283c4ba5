package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.scheduler.DAGScheduler;
import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controlling jobs and how they fail: cancelling running jobs, functions that cannot be shipped or that throw, and
 * RDDs used where they cannot be.
 *
 * <p>Long-running jobs block their tasks behind a gate, a file that the test creates only after it ends (or to let
 * them go): a file, so that executor processes see it as well as task threads of this JVM. The test waits for the
 * job to run through the status tracker. Those tests need at least two task slots (two blocked jobs run side by
 * side).
 */
public abstract class JobControlSuite extends RddConformanceSuite {
    /** Where each test's gate is made; deleted with the suite. */
    @TempDir
    Path gates;

    /** The current test's gate: a file that does not exist until the test lets its tasks go. */
    private String gate;

    @BeforeEach
    void closeTheGate(TestInfo test) {
        gate = gates.resolve(test.getDisplayName().replaceAll("[^A-Za-z0-9]", "_") + "-open")
                .toString();
    }

    @AfterEach
    void openTheGate() throws IOException {
        TaskGate.open(gate);
    }

    private static boolean blockUntilReleased(String gate) throws InterruptedException {
        return TaskGate.await(gate, WAIT.multipliedBy(2));
    }

    /** Waits until the job of {@code group} runs at least {@code tasks} tasks. */
    private void awaitRunningTasks(String group, int tasks) {
        StatusTracker tracker = ctx.statusTracker();
        awaitCondition(
                "a job of group " + group + " runs " + tasks + " tasks", () -> tracker.getJobIdsForGroup(group).stream()
                        .flatMap(jobId -> tracker.getJobInfo(jobId).stream())
                        .filter(job -> job.status().equals("RUNNING"))
                        .flatMap(job -> job.stageIds().stream())
                        .flatMap(stageId -> tracker.getStageInfo(stageId).stream())
                        .anyMatch(stage -> stage.numActiveTasks() >= tasks));
    }

    // ---- cancelling ----

    @Test
    void cancellingAJobGroupFailsItsRunningJob() throws Exception {
        String group = "cancel-me";
        String gate = this.gate;
        AtomicReference<JobFuture<List<Integer>>> started = new AtomicReference<>();
        Thread submitter = ThreadUtils.newThread("job-group-submitter", true, () -> {
            ctx.setJobGroup(group, "a job that waits", true);
            started.set(ctx.parallelize(integers(4), 2)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .collectAsync());
        });
        submitter.start();
        assertThat(ThreadUtils.join(submitter, WAIT))
                .as("the submitting thread ended")
                .isTrue();
        JobFuture<List<Integer>> future = started.get();
        assertThat(future).as("the job was submitted").isNotNull();
        assertThat(ctx.getLocalProperty(DAGScheduler.JOB_GROUP_ID))
                .as("the group belongs to the submitting thread only")
                .isNull();

        awaitRunningTasks(group, 1);
        assertThat(future.isDone()).isFalse();
        ctx.cancelJobGroup(group);

        EmberException error = emberError(future::get);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(error.getMessage()).contains(group);
        assertThat(future.isDone()).isTrue();
        int jobId = future.jobId();
        awaitCondition("job " + jobId + " is marked failed", () -> ctx.statusTracker()
                .getJobInfo(jobId)
                .map(job -> job.status().equals("FAILED"))
                .orElse(false));
        List<Integer> stages =
                ctx.statusTracker().getJobInfo(jobId).orElseThrow().stageIds();
        awaitCondition("the blocked tasks were killed, not left waiting", () -> stages.stream()
                .flatMap(stageId -> ctx.statusTracker().getStageInfo(stageId).stream())
                .allMatch(stage -> stage.numActiveTasks() == 0));
        assertThat(Path.of(gate)).as("nothing released the tasks").doesNotExist();
        assertThat(ctx.parallelize(integers(10), 2).count())
                .as("the context still works")
                .isEqualTo(10);
    }

    @Test
    void cancellingAnotherGroupLeavesTheJobRunning() throws Exception {
        String gate = this.gate;
        ctx.setJobGroup("kept", "a job that finishes", false);
        JobFuture<Long> future;
        try {
            future = ctx.parallelize(integers(4), 2)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .countAsync();
        } finally {
            ctx.clearJobGroup();
        }
        awaitRunningTasks("kept", 1);
        ctx.cancelJobGroup("some-other-group");
        assertThat(future.isDone()).isFalse();
        TaskGate.open(gate);
        assertThat(future.get()).isEqualTo(4);
    }

    @Test
    void cancellingAFutureFailsItsJob() {
        String group = "future-cancel";
        String gate = this.gate;
        ctx.setJobGroup(group, "cancelled through its future", true);
        JobFuture<List<Integer>> future;
        try {
            future = ctx.parallelize(integers(4), 2)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .collectAsync();
        } finally {
            ctx.clearJobGroup();
        }
        awaitRunningTasks(group, 1);
        assertThat(future.cancel(true)).isTrue();
        assertThat(future.isCancelled()).isTrue();
        EmberException error = emberError(future::get);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(ctx.parallelize(integers(3), 3).collect()).containsExactly(0, 1, 2);
    }

    @Test
    void cancellingWithoutInterruptAsksTasksToStop() throws IOException {
        String group = "polite-cancel";
        // Each task writes the reason it was given for stopping where the test can read it, from any process.
        String reasons = Files.createDirectories(gates.resolve("reasons")).toString();
        ctx.setJobGroup(group, "tasks that check whether they were asked to stop", false);
        JobFuture<List<String>> future;
        try {
            future = ctx.parallelize(integers(2), 2)
                    .map(x -> {
                        TaskContext task = TaskContext.get();
                        TaskGate.publish(reasons, "started-" + task.partitionId(), "");
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT.toSeconds() * 2);
                        while (!task.isInterrupted() && System.nanoTime() < deadline) {
                            // Not interrupted: a kill without interruption only sets the flag this loop reads.
                            TimeUnit.MILLISECONDS.sleep(5);
                        }
                        String reason = task.killReason().orElse("not asked");
                        TaskGate.publish(reasons, "partition-" + task.partitionId(), reason);
                        return reason;
                    })
                    .collectAsync();
        } finally {
            ctx.clearJobGroup();
        }
        // Both functions running, not just launched: a task killed before it starts never runs its function.
        TaskGate.awaitFiles(Path.of(reasons), WAIT, "both tasks run their function", "started-0", "started-1");
        ctx.cancelJobGroup(group);
        EmberException error = emberError(future::get);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        TaskGate.awaitFiles(
                Path.of(reasons), WAIT, "both tasks noticed they were asked to stop", "partition-0", "partition-1");
        for (int partition = 0; partition < 2; partition++) {
            assertThat(Files.readString(Path.of(reasons, "partition-" + partition)))
                    .as("the reason task %d was given", partition)
                    .contains(group);
        }
    }

    @Test
    void cancellingAJobById() {
        String group = "by-id";
        String gate = this.gate;
        ctx.setJobGroup(group, "cancelled by id", true);
        JobFuture<Long> future;
        try {
            future = ctx.parallelize(integers(4), 2)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .countAsync();
        } finally {
            ctx.clearJobGroup();
        }
        awaitRunningTasks(group, 1);
        ctx.cancelJob(future.jobId());
        assertThat(emberError(future::get).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
    }

    @Test
    void cancellingAllJobs() {
        String gate = this.gate;
        ctx.setJobGroup("all-1", "first", true);
        JobFuture<Long> first;
        JobFuture<Long> second;
        try {
            first = ctx.parallelize(integers(2), 1)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .countAsync();
            ctx.setJobGroup("all-2", "second", true);
            second = ctx.parallelize(integers(2), 1)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .countAsync();
        } finally {
            ctx.clearJobGroup();
        }
        awaitRunningTasks("all-1", 1);
        awaitRunningTasks("all-2", 1);
        ctx.cancelAllJobs();
        assertThat(emberError(first::get).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(emberError(second::get).errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(ctx.parallelize(integers(5), 2).count()).isEqualTo(5);
    }

    @Test
    void cancellingARunningStageFailsItsJob() {
        String group = "stage-cancel";
        String gate = this.gate;
        ctx.setJobGroup(group, "cancelled by stage", true);
        JobFuture<Long> future;
        try {
            future = ctx.parallelize(integers(4), 2)
                    .map(x -> {
                        blockUntilReleased(gate);
                        return x;
                    })
                    .countAsync();
        } finally {
            ctx.clearJobGroup();
        }
        awaitRunningTasks(group, 1);
        int jobId = ctx.statusTracker().getJobIdsForGroup(group).get(0);
        List<Integer> stages =
                ctx.statusTracker().getJobInfo(jobId).orElseThrow().stageIds();
        assertThat(stages).hasSize(1);
        assertThat(ctx.statusTracker().getActiveStageIds()).contains(stages.get(0));
        ctx.cancelStage(stages.get(0));
        EmberException error = emberError(future::get);
        // Cancelling a stage fails every job that depends on it as cancelled; its killed tasks are not failures.
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(error.getMessage()).contains("because stage " + stages.get(0) + " was cancelled");
    }

    // ---- functions that cannot be shipped ----

    /** Deliberately not serializable. */
    static final class Unshippable {
        final int offset = 3;
    }

    @Test
    void aFunctionCapturingAnUnserializableObjectIsRefusedAtTheCall() {
        Unshippable unshippable = new Unshippable();
        RDD<Integer> rdd = ctx.parallelize(integers(5), 2);
        EmberException error = emberError(() -> rdd.map(x -> x + unshippable.offset));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE);
        assertThat(error.getMessage())
                .contains(Unshippable.class.getName())
                .containsPattern("the function passed to map at JobControlSuite\\.java:[0-9]+ refers to")
                .doesNotContain("at map at");
        assertThat(emberError(() -> rdd.filter(x -> x > unshippable.offset)).errorClass())
                .isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE);
        assertThat(emberError(() -> rdd.foreach(x -> unshippable.toString())).errorClass())
                .isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE);
        assertThat(emberError(() -> rdd.mapToPair(x -> Pair.of(x, unshippable.offset))
                                .reduceByKey(Integer::sum))
                        .errorClass())
                .isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE);
        assertThat(emberError(() -> rdd.mapToPair(x -> Pair.of(x, 1)).reduceByKey((a, b) -> a + unshippable.offset))
                        .errorClass())
                .isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE);
    }

    // ---- functions that throw ----

    @Test
    void aThrowingFunctionFailsTheJobAfterTheRetries() {
        RDD<Integer> failing = ctx.parallelize(integers(12), 3).map(x -> {
            if (x == 9) {
                throw new IllegalArgumentException("bad element " + x);
            }
            return x;
        });
        EmberException error = emberError(failing::collect);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
        assertThat(error.getMessage())
                .contains("failed 4 times")
                .containsPattern("stage \\d+")
                .contains("Task 2 ")
                .contains("bad element 9");
        IllegalArgumentException cause = causeOfType(error, IllegalArgumentException.class);
        assertThat(cause.getMessage()).isEqualTo("bad element 9");

        assertThat(ctx.parallelize(integers(12), 3).map(x -> x * 2).reduce(Integer::sum))
                .as("the next job works")
                .isEqualTo(132);
    }

    /**
     * An object of a class compiled by the test into a directory of its own and loaded from there: this JVM has it,
     * no task's class loader does.
     */
    private Object objectOfAClassOnlyTheDriverHas() throws Exception {
        Path sources = gates.resolve("only-here-src");
        Path classes = gates.resolve("only-here-classes");
        Files.createDirectories(sources.resolve("onlyhere"));
        Files.createDirectories(classes);
        Path source = sources.resolve("onlyhere/Payload.java");
        Files.writeString(
                source, "package onlyhere; public class Payload implements java.io.Serializable { int value = 7; }");
        javax.tools.JavaCompiler compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString()))
                .as("compiling the payload")
                .isZero();
        java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("onlyhere.Payload").getDeclaredConstructor().newInstance();
    }

    @Test
    void aTaskWhoseClassIsMissingWhereItRunsFailsWithoutRetries() throws Exception {
        Object captured = objectOfAClassOnlyTheDriverHas();
        java.util.concurrent.atomic.AtomicInteger failedAttempts = new java.util.concurrent.atomic.AtomicInteger();
        dev.ember.events.EmberListener counter = new dev.ember.events.EmberListener() {
            @Override
            public void onTaskEnd(dev.ember.events.EmberListenerEvent.TaskEnd event) {
                if (event.taskInfo().failed()) {
                    failedAttempts.incrementAndGet();
                }
            }
        };
        ctx.addListener(counter);
        try {
            EmberException error = emberError(() -> ctx.parallelize(integers(4), 2)
                    .map(x -> captured.hashCode() + x)
                    .collect());
            assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_ABORTED);
            assertThat(error.getMessage())
                    .contains("was not retried, because a class it needs is missing where it ran")
                    .contains("onlyhere.Payload")
                    .doesNotContain("failed 4 times");
            awaitCondition("the failed attempts are reported", () -> failedAttempts.get() >= 1);
            // Both tasks may have started before the job was aborted; neither ran a second attempt.
            assertThat(failedAttempts.get()).isBetween(1, 2);
        } finally {
            ctx.removeListener(counter);
        }
    }

    @Test
    void aCheckedExceptionIsTheCauseOfTheFailure() {
        RDD<Integer> failing = ctx.parallelize(integers(4), 2).map(x -> {
            if (x == 1) {
                throw new IOException("disk on fire");
            }
            return x;
        });
        EmberException error = emberError(failing::count);
        assertThat(causeOfType(error, IOException.class).getMessage()).isEqualTo("disk on fire");
    }

    @Test
    void aFailureInAMapStageFailsTheJob() {
        PairRDD<Integer, Integer> failing = ctx.parallelize(integers(20), 4)
                .mapToPair(x -> {
                    if (x == 13) {
                        throw new UnsupportedOperationException("thirteen");
                    }
                    return Pair.of(x % 3, x);
                })
                .reduceByKey(Integer::sum, 2);
        EmberException error = emberError(failing::collect);
        assertThat(error.getMessage()).contains("failed 4 times").contains("thirteen");
        assertThat(causeOfType(error, UnsupportedOperationException.class)).isNotNull();
        assertThat(ctx.parallelize(integers(20), 4)
                        .mapToPair(x -> Pair.of(x % 3, x))
                        .reduceByKey(Integer::sum, 2)
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aTaskThatSucceedsOnRetryDoesNotFailTheJob() {
        List<Integer> result = ctx.parallelize(integers(10), 2)
                .map(x -> {
                    if (x == 7 && TaskContext.get().attemptNumber() < 3) {
                        throw new IllegalStateException("flaky");
                    }
                    return x + TaskContext.get().attemptNumber() * 100;
                })
                .collect();
        assertThat(result.subList(0, 5)).isEqualTo(integers(5));
        assertThat(result.subList(5, 10)).containsExactly(305, 306, 307, 308, 309);
    }

    // ---- RDDs used where they cannot be ----

    @Test
    void anRddUsedInsideAnotherRddsFunctionIsRefused() {
        RDD<Integer> inner = ctx.parallelize(integers(3), 1);
        RDD<Long> outer = ctx.parallelize(integers(2), 2).map(x -> inner.count() + x);
        Throwable error = emberError(outer::collect);
        assertThat(errorClasses(error)).contains(ErrorClass.INVALID_RDD_USAGE);
        assertThat(errorMessages(error)).contains("driver");
        assertThat(ctx.parallelize(integers(2), 2).count())
                .as("the context still works")
                .isEqualTo(2);
    }
}
