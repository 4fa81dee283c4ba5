package dev.ember.executor;

/**
 * Where an executor reports its tasks' progress. Called from task threads; implementations must be thread-safe
 * and must not block for long.
 */
public interface ExecutorBackend {
    /**
     * A task changed state. {@code data} is the serialized {@link DirectTaskResult} when FINISHED, the
     * serialized {@link TaskEndReason} when FAILED or KILLED, and empty otherwise.
     */
    void statusUpdate(long taskId, TaskState state, byte[] data);

    /**
     * Called in a task's thread before it runs, with its job's properties: a backend fetches what the task needs
     * that it does not have yet (jars added since the executor started) and returns the class loader the task is
     * deserialized and run in: {@code base}, or a job class scope's loader over it ({@link ClassScopes}). A failure
     * fails the task.
     */
    default ClassLoader prepare(java.util.Properties jobProperties, ClassLoader base) throws Exception {
        return base;
    }

    /** Called in a task's thread after it ended, with the loader {@link #prepare} gave it when not the base one. */
    default void taskEnded(ClassLoader loader) {}
}
