package dev.ember.executor;

import dev.ember.AccumulatorV2;
import dev.ember.TaskKilledException;
import dev.ember.config.CoreConfig;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.SerializerInstance;
import dev.ember.shuffle.FetchFailedException;
import dev.ember.util.ThreadUtils;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a pool of threads: deserializes each {@link TaskDescription}, runs the task, serializes its
 * result, and reports every state change to its {@link ExecutorBackend}. A task that throws is reported as
 * failed with the exception; a task asked to stop is reported as killed; a fetch failure is reported as such even
 * if user code wrapped it.
 *
 * <p>The pool (threads named {@code executor-task-N}) grows to as many tasks as the backend launches; the backend
 * never launches more than it has cores for.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);
    private static final byte[] EMPTY = new byte[0];

    private final String executorId;
    private final EmberEnv env;
    private final ExecutorBackend backend;
    private final ClassLoader userClassLoader;
    private final long maxResultSize;
    private final ThreadPoolExecutor pool;
    private final Map<Long, TaskRunner> running = new ConcurrentHashMap<>();

    public Executor(String executorId, EmberEnv env, ExecutorBackend backend, ClassLoader userClassLoader) {
        this.executorId = executorId;
        this.env = env;
        this.backend = backend;
        this.userClassLoader = userClassLoader;
        this.maxResultSize = env.conf().get(CoreConfig.MAX_RESULT_SIZE);
        this.pool = ThreadUtils.newDaemonCachedThreadPool("executor-task");
        WarmUp.start(env.conf(), true);
    }

    public String executorId() {
        return executorId;
    }

    /** Starts running a task. */
    public void launchTask(TaskDescription description) {
        TaskRunner runner = new TaskRunner(description);
        running.put(description.taskId(), runner);
        pool.execute(runner);
    }

    /** Asks a task to stop; with {@code interruptThread}, also interrupts its thread. */
    public void killTask(long taskId, boolean interruptThread, String reason) {
        TaskRunner runner = running.get(taskId);
        if (runner != null) {
            runner.kill(interruptThread, reason);
        }
    }

    public void killAllTasks(boolean interruptThread, String reason) {
        for (TaskRunner runner : running.values()) {
            runner.kill(interruptThread, reason);
        }
    }

    public int runningTasks() {
        return running.size();
    }

    /** Kills every task and waits (bounded) for the threads to end. */
    public void stop(Duration timeout) {
        killAllTasks(true, "executor stopped");
        if (!ThreadUtils.shutdownAndAwait(pool, timeout)) {
            LOG.warn("Executor {} stopped with tasks still running after {}", executorId, timeout);
        }
    }

    private static long totalGcTimeMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : JvmStats.garbageCollectors()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private final class TaskRunner implements Runnable {
        private final TaskDescription description;
        private volatile Task<?> task;
        private volatile String killReason;

        /** The thread running the task while it runs; guarded by this runner's monitor. */
        private Thread thread;

        TaskRunner(TaskDescription description) {
            this.description = description;
        }

        void kill(boolean interruptThread, String reason) {
            killReason = reason;
            Task<?> current = task;
            if (current != null) {
                current.kill(reason);
            }
            if (interruptThread) {
                // Under the monitor: the thread cannot move on to another task between the check and the interrupt.
                synchronized (this) {
                    if (thread != null) {
                        thread.interrupt();
                    }
                }
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            Thread.currentThread().setContextClassLoader(userClassLoader);
            long taskId = description.taskId();
            TaskMetrics metrics = new TaskMetrics();
            SerializerInstance closures = env.closureSerializer().newInstance();
            byte[] finished = null;
            Throwable failure = null;
            ClassLoader loader = null;
            try {
                backend.statusUpdate(taskId, TaskState.RUNNING, EMPTY);
                loader = backend.prepare(description.properties(), userClassLoader);
                Thread.currentThread().setContextClassLoader(loader);
                finished = runTask(taskId, metrics, closures, loader);
            } catch (Throwable error) {
                failure = error;
            }
            try {
                // Exactly one final status: a failure to send FINISHED is not turned into a second, FAILED one.
                if (finished != null) {
                    backend.statusUpdate(taskId, TaskState.FINISHED, finished);
                } else {
                    reportFailure(taskId, failure, metrics, closures);
                }
            } catch (Throwable reportError) {
                LOG.error("Could not report the end of task {} ({})", taskId, description.name(), reportError);
            } finally {
                running.remove(taskId);
                if (loader != null && loader != userClassLoader) {
                    backend.taskEnded(loader);
                }
                // An idle thread holds no job's loader.
                Thread.currentThread().setContextClassLoader(userClassLoader);
                synchronized (this) {
                    thread = null;
                    Thread.interrupted();
                }
            }
        }

        /** Runs the task and returns its serialized result. */
        private byte[] runTask(long taskId, TaskMetrics metrics, SerializerInstance closures, ClassLoader loader)
                throws Exception {
            ThreadMXBean threads = JvmStats.threads();
            long gcStart = totalGcTimeMillis();
            Task<?> deserialized =
                    closures.deserialize(description.serializedTask(), 0, description.serializedTask().length, loader);
            task = deserialized;
            if (killReason != null) {
                deserialized.kill(killReason);
                throw new TaskKilledException(killReason);
            }
            long start = System.currentTimeMillis();
            long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
            Object value =
                    deserialized.run(taskId, description.attemptNumber(), env, description.properties(), metrics);
            long cpuEnd = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
            metrics.setExecutorRunTime(
                    System.currentTimeMillis() - start - metrics.executorDeserializeTimeMillis(),
                    cpuEnd - cpuStart - metrics.executorDeserializeCpuTimeNanos());
            if (deserialized.killReason() != null) {
                throw new TaskKilledException(deserialized.killReason());
            }
            Optional<FetchFailedException> swallowed = deserialized.context().fetchFailure();
            if (swallowed.isPresent()) {
                throw swallowed.get();
            }
            long serializeStart = System.currentTimeMillis();
            List<AccumulatorV2<?, ?>> updates = deserialized.context().accumulators();
            DirectTaskResult result =
                    DirectTaskResult.of(value, env.serializer().newInstance(), updates, metrics);
            if (maxResultSize > 0 && result.valueSize() > maxResultSize) {
                throw new IllegalStateException("The result of task " + description.name() + " is "
                        + result.valueSize() + " bytes, more than ember.driver.maxResultSize (" + maxResultSize
                        + "); raise the limit or return less (collect less, or write the data out instead)");
            }
            metrics.setJvmGcTime(totalGcTimeMillis() - gcStart);
            metrics.setResultSize(result.valueSize());
            byte[] serialized = closures.serialize(result);
            metrics.setResultSerializationTime(System.currentTimeMillis() - serializeStart);
            return serialized;
        }

        private void reportFailure(long taskId, Throwable error, TaskMetrics metrics, SerializerInstance closures) {
            Task<?> current = task;
            TaskContextImpl context = current == null ? null : current.context();
            List<AccumulatorV2<?, ?>> updates = context == null
                    ? List.of()
                    : context.accumulators().stream()
                            .filter(AccumulatorV2::countFailedValues)
                            .toList();
            Optional<FetchFailedException> fetchFailure = error instanceof FetchFailedException fetch
                    ? Optional.of(fetch)
                    : context == null ? Optional.empty() : context.fetchFailure();
            TaskEndReason reason;
            TaskState state;
            if (fetchFailure.isPresent()) {
                FetchFailedException fetch = fetchFailure.get();
                reason = new TaskEndReason.FetchFailed(
                        fetch.address(),
                        fetch.shuffleId(),
                        fetch.mapId(),
                        fetch.mapIndex(),
                        fetch.reduceId(),
                        fetch.getMessage());
                state = TaskState.FAILED;
                LOG.warn(
                        "Task {} ({}) could not fetch shuffle data: {}",
                        taskId,
                        description.name(),
                        fetch.getMessage());
            } else if (error instanceof CommitDeniedException denied) {
                reason = new TaskEndReason.TaskCommitDenied(
                        denied.jobId(), denied.partitionId(), denied.attemptNumber());
                state = TaskState.FAILED;
                LOG.info("Task {} ({}) not committed: {}", taskId, description.name(), denied.getMessage());
            } else if (error instanceof TaskKilledException || killReason != null) {
                String why = error instanceof TaskKilledException killed ? killed.reason() : killReason;
                reason = new TaskEndReason.TaskKilled(why, updates, metrics);
                state = TaskState.KILLED;
                LOG.info("Task {} ({}) killed: {}", taskId, description.name(), why);
            } else {
                reason = TaskEndReason.ExceptionFailure.of(error, updates, metrics);
                state = TaskState.FAILED;
                // The task set manager logs the loss at WARN; the stack trace is for debugging.
                LOG.info("Task {} ({}) failed: {}", taskId, description.name(), error.toString());
                LOG.debug("Task {} failed", taskId, error);
            }
            byte[] serialized;
            try {
                serialized = closures.serialize(reason);
            } catch (Throwable serializationError) {
                // A user exception or accumulator that does not serialize: keep the text of the failure only.
                serialized = textOnlyFailure(error, closures);
            }
            backend.statusUpdate(taskId, state, serialized);
        }

        /** A failure reason made of strings only, which always serializes; empty bytes if even that fails. */
        private byte[] textOnlyFailure(Throwable error, SerializerInstance closures) {
            try {
                return closures.serialize(TaskEndReason.ExceptionFailure.textOnly(
                        error.getClass().getName(), String.valueOf(error.getMessage())));
            } catch (Throwable unexpected) {
                return EMPTY;
            }
        }
    }
}
