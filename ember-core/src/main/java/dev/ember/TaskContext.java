package dev.ember;

import dev.ember.metrics.TaskMetrics;
import java.util.Optional;

/**
 * What a running task knows about itself. Inside a function passed to an RDD operation,
 * {@link #get()} returns the context of the task calling it; elsewhere it returns null.
 *
 * <pre>{@code
 * rdd.mapPartitions(values -> {
 *     TaskContext task = TaskContext.get();
 *     task.addTaskCompletionListener(context -> connection.close());
 *     ...
 * });
 * }</pre>
 */
public abstract class TaskContext {
    private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

    /** The context of the task running on this thread, or null outside tasks. */
    public static TaskContext get() {
        return CURRENT.get();
    }

    /** Installs (or with null, removes) the context of the task running on this thread. */
    protected static void setCurrent(TaskContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }

    /** The id of the stage this task belongs to. */
    public abstract int stageId();

    /** Which attempt of the stage this is, from 0. */
    public abstract int stageAttemptNumber();

    /** The index of the partition this task computes. */
    public abstract int partitionId();

    /** How many partitions the RDD this task computes has. */
    public abstract int numPartitions();

    /** Which attempt of this task this is, from 0; retries and speculative copies count up. */
    public abstract int attemptNumber();

    /** An id unique among all task attempts of the application. */
    public abstract long taskAttemptId();

    /** Whether the task has finished running (successfully or not). */
    public abstract boolean isCompleted();

    /** Whether the task has been asked to stop (its job was cancelled, or a speculative copy won). */
    public abstract boolean isInterrupted();

    /** Why the task was asked to stop, if it was. */
    public abstract Optional<String> killReason();

    /** Throws {@link TaskKilledException} if the task has been asked to stop. Long loops should call it. */
    public abstract void killTaskIfInterrupted();

    /** Runs {@code listener} when the task ends, whether it succeeded or failed; last added runs first. */
    public abstract TaskContext addTaskCompletionListener(TaskCompletionListener listener);

    /** Runs {@code listener} if the task fails. */
    public abstract TaskContext addTaskFailureListener(TaskFailureListener listener);

    /** A local property set on the driver thread that submitted the job ({@code ctx.setLocalProperty}). */
    public abstract String getLocalProperty(String key);

    /** This task's metrics so far. */
    public abstract TaskMetrics taskMetrics();

    /** Called when a task ends. */
    @FunctionalInterface
    public interface TaskCompletionListener {
        void onTaskCompletion(TaskContext context);
    }

    /** Called when a task fails. */
    @FunctionalInterface
    public interface TaskFailureListener {
        void onTaskFailure(TaskContext context, Throwable error);
    }
}
