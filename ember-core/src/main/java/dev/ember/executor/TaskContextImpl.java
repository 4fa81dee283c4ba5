package dev.ember.executor;

import dev.ember.AccumulatorRegistry;
import dev.ember.AccumulatorV2;
import dev.ember.TaskContext;
import dev.ember.TaskKilledException;
import dev.ember.collection.SpillContext;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.shuffle.FetchFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of a running task attempt: its identity, its services, the accumulators deserialized into it,
 * its listeners and its kill flag. Confined to the task's thread except {@link #markInterrupted}, which the
 * executor calls from elsewhere.
 */
public final class TaskContextImpl extends TaskContext
        implements AccumulatorRegistry.TaskAccumulators, FetchFailedException.Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(TaskContextImpl.class);

    private final int stageId;
    private final int stageAttemptNumber;
    private final int partitionId;
    private final int numPartitions;
    private final long taskAttemptId;
    private final int attemptNumber;
    private final Properties localProperties;
    private final EmberEnv env;
    private final TaskMemoryManager taskMemoryManager;
    private final TaskMetrics metrics;
    private final List<AccumulatorV2<?, ?>> accumulators = new ArrayList<>();
    private final List<TaskCompletionListener> completionListeners = new ArrayList<>();
    private final List<TaskFailureListener> failureListeners = new ArrayList<>();
    private volatile String killReason;
    private volatile boolean completed;
    private volatile FetchFailedException fetchFailure;
    private SpillContext spillContext;

    public TaskContextImpl(
            int stageId,
            int stageAttemptNumber,
            int partitionId,
            int numPartitions,
            long taskAttemptId,
            int attemptNumber,
            Properties localProperties,
            EmberEnv env,
            TaskMetrics metrics) {
        this.stageId = stageId;
        this.stageAttemptNumber = stageAttemptNumber;
        this.partitionId = partitionId;
        this.numPartitions = numPartitions;
        this.taskAttemptId = taskAttemptId;
        this.attemptNumber = attemptNumber;
        this.localProperties = localProperties == null ? new Properties() : localProperties;
        this.env = env;
        this.taskMemoryManager = new TaskMemoryManager(env.memoryManager(), taskAttemptId);
        this.metrics = metrics;
    }

    /** Makes this the context {@link TaskContext#get()} returns on the current thread. */
    public void install() {
        setCurrent(this);
    }

    /** Removes any context from the current thread. */
    public static void uninstall() {
        setCurrent(null);
    }

    @Override
    public int stageId() {
        return stageId;
    }

    @Override
    public int stageAttemptNumber() {
        return stageAttemptNumber;
    }

    @Override
    public int partitionId() {
        return partitionId;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    @Override
    public int attemptNumber() {
        return attemptNumber;
    }

    @Override
    public long taskAttemptId() {
        return taskAttemptId;
    }

    @Override
    public boolean isCompleted() {
        return completed;
    }

    @Override
    public boolean isInterrupted() {
        return killReason != null;
    }

    @Override
    public Optional<String> killReason() {
        return Optional.ofNullable(killReason);
    }

    @Override
    public void killTaskIfInterrupted() {
        String reason = killReason;
        if (reason != null) {
            throw new TaskKilledException(reason);
        }
    }

    /** Asks the task to stop; it notices at its next check. */
    public void markInterrupted(String reason) {
        killReason = reason;
    }

    @Override
    public synchronized TaskContext addTaskCompletionListener(TaskCompletionListener listener) {
        if (completed) {
            listener.onTaskCompletion(this);
        } else {
            completionListeners.add(listener);
        }
        return this;
    }

    @Override
    public synchronized TaskContext addTaskFailureListener(TaskFailureListener listener) {
        failureListeners.add(listener);
        return this;
    }

    @Override
    public String getLocalProperty(String key) {
        return localProperties.getProperty(key);
    }

    public Properties localProperties() {
        return localProperties;
    }

    @Override
    public TaskMetrics taskMetrics() {
        return metrics;
    }

    public EmberEnv env() {
        return env;
    }

    public TaskMemoryManager taskMemoryManager() {
        return taskMemoryManager;
    }

    /** What spilling collections of this task need. */
    public SpillContext spillContext() {
        if (spillContext == null) {
            spillContext = SpillContext.of(
                    env.conf(), taskMemoryManager, env.serializerManager(), env.diskBlockManager(), metrics);
        }
        return spillContext;
    }

    @Override
    public synchronized void registerAccumulator(AccumulatorV2<?, ?> accumulator) {
        accumulators.add(accumulator);
    }

    /** The accumulators of this task, with their additions. */
    public synchronized List<AccumulatorV2<?, ?>> accumulators() {
        return List.copyOf(accumulators);
    }

    @Override
    public void recordFetchFailure(FetchFailedException failure) {
        fetchFailure = failure;
    }

    /** The fetch failure this task hit, even if user code caught it. */
    public Optional<FetchFailedException> fetchFailure() {
        return Optional.ofNullable(fetchFailure);
    }

    /** Runs failure listeners, newest first. */
    void markTaskFailed(Throwable error) {
        List<TaskFailureListener> listeners;
        synchronized (this) {
            listeners = new ArrayList<>(failureListeners);
        }
        for (int i = listeners.size() - 1; i >= 0; i--) {
            try {
                listeners.get(i).onTaskFailure(this, error);
            } catch (RuntimeException e) {
                error.addSuppressed(e);
                LOG.error("Task failure listener failed in task {}", taskAttemptId, e);
            }
        }
    }

    /** Runs completion listeners, newest first; the first listener error is rethrown after all have run. */
    void markTaskCompleted() {
        List<TaskCompletionListener> listeners;
        synchronized (this) {
            completed = true;
            listeners = new ArrayList<>(completionListeners);
            completionListeners.clear();
        }
        RuntimeException first = null;
        for (int i = listeners.size() - 1; i >= 0; i--) {
            try {
                listeners.get(i).onTaskCompletion(this);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
