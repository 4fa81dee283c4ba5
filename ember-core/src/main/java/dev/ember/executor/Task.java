package dev.ember.executor;

import dev.ember.Partition;
import dev.ember.metrics.TaskMetrics;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Properties;

/**
 * A unit of work an executor runs: compute one partition of a stage and either write it into a shuffle
 * ({@link ShuffleMapTask}) or return a value to the driver ({@link ResultTask}). The RDD lineage and the function
 * travel as {@code taskBinary}, serialized once per stage attempt and shared by its tasks.
 *
 * @param <T> the task's result
 */
public abstract class Task<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int stageId;
    private final int stageAttemptId;
    private final int jobId;
    private final Partition partition;
    private final int numPartitions;
    /** Written by {@link #writeObject} as bare bytes: a {@code byte[]} field would cost the first task a digest. */
    protected transient byte[] taskBinary;

    private transient volatile TaskContextImpl context;
    private transient volatile String killReason;

    protected Task(
            int stageId, int stageAttemptId, int jobId, Partition partition, int numPartitions, byte[] taskBinary) {
        this.stageId = stageId;
        this.stageAttemptId = stageAttemptId;
        this.jobId = jobId;
        this.partition = partition;
        this.numPartitions = numPartitions;
        this.taskBinary = taskBinary;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(taskBinary.length);
        out.write(taskBinary);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int length = in.readInt();
        if (length < 0) {
            throw new InvalidObjectException("A task's binary has a negative length: " + length);
        }
        taskBinary = readGrowing(in, length);
    }

    /**
     * Reads {@code length} bytes, growing the array as they arrive rather than trusting the length up front: a
     * stream that announces more than it holds fails at its end, having cost what it held.
     */
    private static byte[] readGrowing(ObjectInputStream in, int length) throws IOException {
        byte[] bytes = new byte[Math.min(length, 1 << 16)];
        int filled = 0;
        while (true) {
            in.readFully(bytes, filled, bytes.length - filled);
            filled = bytes.length;
            if (filled == length) {
                return bytes;
            }
            bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(length, 2L * filled));
        }
    }

    public final int stageId() {
        return stageId;
    }

    public final int stageAttemptId() {
        return stageAttemptId;
    }

    public final int jobId() {
        return jobId;
    }

    public final Partition partition() {
        return partition;
    }

    public final int partitionId() {
        return partition.index();
    }

    /**
     * Runs the task on the current thread, with its context installed, and always completes the context (running
     * completion listeners, releasing memory and block locks) before returning or throwing.
     */
    public final T run(long taskAttemptId, int attemptNumber, EmberEnv env, Properties properties, TaskMetrics metrics)
            throws Exception {
        TaskContextImpl created = new TaskContextImpl(
                stageId,
                stageAttemptId,
                partition.index(),
                numPartitions,
                taskAttemptId,
                attemptNumber,
                properties,
                env,
                metrics);
        context = created;
        String reason = killReason;
        if (reason != null) {
            created.markInterrupted(reason);
        }
        created.install();
        Throwable failure = null;
        try {
            return runTask(created);
        } catch (Throwable error) {
            failure = error;
            created.markTaskFailed(error);
            throw error;
        } finally {
            // Each step runs whatever the previous one did, so a failing listener cannot leak memory, locks or
            // the thread's task context.
            try {
                created.markTaskCompleted();
            } catch (RuntimeException listenerError) {
                if (failure == null) {
                    throw listenerError;
                }
                failure.addSuppressed(listenerError);
            } finally {
                try {
                    metrics.setPeakExecutionMemory(created.taskMemoryManager().peakExecutionMemory());
                    created.taskMemoryManager().cleanUpAllAllocatedMemory();
                } finally {
                    try {
                        env.blockManager().releaseAllLocksForTask(taskAttemptId);
                    } finally {
                        TaskContextImpl.uninstall();
                    }
                }
            }
        }
    }

    protected abstract T runTask(TaskContextImpl context) throws Exception;

    /** The objects in the task binary, deserialized; the time it took goes into the task's metrics. */
    protected final TaskBinary deserializeBinary(TaskContextImpl context) {
        java.lang.management.ThreadMXBean threads = JvmStats.threads();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long start = System.currentTimeMillis();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        TaskBinary binary = context.env().closureSerializer().newInstance().deserialize(taskBinary);
        long cpuEnd = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        context.taskMetrics().setExecutorDeserializeTime(System.currentTimeMillis() - start, cpuEnd - cpuStart);
        return binary;
    }

    /** The context of the running attempt, once started. */
    public final TaskContextImpl context() {
        return context;
    }

    /** Asks the task to stop, now if it runs or as soon as it starts. */
    public final void kill(String reason) {
        killReason = reason;
        TaskContextImpl running = context;
        if (running != null) {
            running.markInterrupted(reason);
        }
    }

    /** Why the task was asked to stop, or null. */
    public final String killReason() {
        return killReason;
    }
}
