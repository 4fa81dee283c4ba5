package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.EmberConf;
import dev.ember.config.CoreConfig;
import dev.ember.executor.DirectTaskResult;
import dev.ember.executor.ResultTask;
import dev.ember.executor.ShuffleMapTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import dev.ember.scheduler.TestRdds.IndexPartition;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Task sets, task outcomes as executors serialize them, and offers, for task scheduler tests. */
final class TaskFixtures {
    static final SerializerInstance JAVA = new JavaSerializer().newInstance();

    private TaskFixtures() {}

    /** A task scheduler that runs no threads of its own: outcomes are handled on the test's thread. */
    static TaskSchedulerImpl scheduler(
            EmberConf conf, ManualClock clock, FakeBackend backend, TaskSchedulerListener listener) {
        TaskSchedulerImpl scheduler =
                new TaskSchedulerImpl(conf, clock, conf.get(CoreConfig.TASK_MAX_FAILURES), new JavaSerializer());
        scheduler.setListener(listener);
        scheduler.startWithoutThreads(backend);
        return scheduler;
    }

    /** Result tasks without location preferences. */
    static TaskSet resultTasks(int stageId, int jobId, int numTasks) {
        return resultTasks(stageId, jobId, numTasks, new Properties(), List.of());
    }

    static TaskSet resultTasks(
            int stageId, int jobId, int numTasks, Properties properties, List<List<TaskLocation>> locations) {
        List<Task<?>> tasks = new ArrayList<>();
        for (int i = 0; i < numTasks; i++) {
            tasks.add(new ResultTask<>(stageId, 0, jobId, new IndexPartition(i), numTasks, new byte[0], i));
        }
        return new TaskSet(tasks, stageId, 0, jobId, properties, locations);
    }

    static TaskSet shuffleMapTasks(int stageId, int jobId, int numTasks) {
        List<Task<?>> tasks = new ArrayList<>();
        for (int i = 0; i < numTasks; i++) {
            tasks.add(new ShuffleMapTask(stageId, 0, jobId, new IndexPartition(i), numTasks, new byte[0]));
        }
        return new TaskSet(tasks, stageId, 0, jobId, new Properties(), List.of());
    }

    /** What an executor sends for a task that returned {@code value}. */
    static byte[] success(Object value, List<AccumulatorV2<?, ?>> accumulatorUpdates) {
        return JAVA.serialize(new DirectTaskResult(JAVA.serialize(value), accumulatorUpdates, new TaskMetrics()));
    }

    static byte[] success(Object value) {
        return success(value, List.of());
    }

    /** What an executor sends for a task that threw {@code error}. */
    static byte[] exceptionFailure(Throwable error) {
        return JAVA.serialize(TaskEndReason.ExceptionFailure.of(error, List.of(), new TaskMetrics()));
    }

    static byte[] killed(String reason) {
        return JAVA.serialize(new TaskEndReason.TaskKilled(reason, List.of(), new TaskMetrics()));
    }

    static List<TaskDescription> offer(TaskSchedulerImpl scheduler, String executorId, String host, int cores) {
        return scheduler
                .resourceOffers(List.of(new WorkerOffer(executorId, host, cores)))
                .get(0);
    }

    static TaskDescription withIndex(List<TaskDescription> launched, int index) {
        return launched.stream()
                .filter(description -> description.index() == index)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task with index " + index + " in " + launched));
    }
}
