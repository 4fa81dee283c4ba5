package dev.ember;

import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.JobWaiter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An action running in the background ({@code collectAsync}, {@code countAsync}, {@code takeAsync},
 * {@code ctx.submitJob}): one job, or several run one after another ({@code takeAsync} scans more partitions until it
 * has enough). Cancelling it cancels the running job's tasks and starts no further job. {@link #get()} waits like
 * the blocking actions do: in bounded slices, checking that the scheduler is alive.
 *
 * <p>How the jobs follow each other: the creator starts the first job and {@linkplain #follow follows} it; when a
 * job succeeds, the step given with it runs on the thread that completed the job (the scheduler's) and either starts
 * and follows the next job or {@linkplain #complete completes} the future. A failed job fails the future.
 */
public final class JobFuture<T> implements Future<T> {
    private final DAGScheduler scheduler;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<Integer> jobIds = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the job running now, or the last one to run; null before the first. */
    private JobWaiter<?> waiter;
    /** Guarded by {@link #lock}: completes once the end of {@link #waiter}'s job has been handled. */
    private CompletableFuture<Void> handled = CompletableFuture.completedFuture(null);

    private volatile boolean cancelled;
    private volatile boolean interruptOnCancel;

    /** The future of one job, whose value {@code resultFunction} builds once all its results are in. */
    JobFuture(DAGScheduler scheduler, JobWaiter<?> waiter, Supplier<T> resultFunction) {
        this(scheduler);
        follow(waiter, () -> complete(resultFunction.get()));
    }

    /** The future of a job submitted now, whose value {@code resultFunction} builds once all its results are in. */
    static <T, U, R> JobFuture<R> ofJob(
            DAGScheduler scheduler,
            RDD<T> rdd,
            dev.ember.function.TaskFunction<T, U> function,
            int[] partitions,
            java.util.function.BiConsumer<Integer, U> resultHandler,
            Supplier<R> resultFunction,
            java.util.Properties properties) {
        JobWaiter<U> waiter = scheduler.submitJob(
                rdd, function, partitions, dev.ember.util.CallSite.capture(), resultHandler, properties);
        return new JobFuture<>(scheduler, waiter, resultFunction);
    }

    /** The future of a map-stage job submitted now: its value is the shuffle's statistics once its stage is done. */
    static JobFuture<MapOutputStatistics> ofMapStage(
            DAGScheduler scheduler, ShuffleDependency<?> dependency, java.util.Properties properties) {
        java.util.Objects.requireNonNull(dependency, "dependency is null");
        MapOutputStatistics[] statistics = new MapOutputStatistics[1];
        JobWaiter<MapOutputStatistics> waiter = scheduler.submitMapStage(
                dependency, dev.ember.util.CallSite.capture(), (index, value) -> statistics[0] = value, properties);
        return new JobFuture<>(scheduler, waiter, () -> statistics[0]);
    }

    /** A future whose creator starts its jobs with {@link #follow} and ends it with {@link #complete}. */
    JobFuture(DAGScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Makes {@code job} the current job. When it succeeds, {@code afterSuccess} runs on the thread completing it and
     * must start and follow the next job or complete this future; if it throws, this future fails. When the job fails,
     * this future fails with its error. A future cancelled already cancels {@code job} at once.
     */
    void follow(JobWaiter<?> job, Runnable afterSuccess) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            waiter = job;
            handled = done;
            jobIds.add(job.jobId());
            if (cancelled) {
                job.cancel("by the user", interruptOnCancel);
            }
        }
        job.completion().whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (cancelled) {
                    result.completeExceptionally(new EmberException(
                            ErrorClass.JOB_CANCELLED, "Job " + job.jobId() + " cancelled by the user"));
                } else {
                    afterSuccess.run();
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                done.complete(null);
            }
        });
    }

    /** Ends the future with {@code value}. */
    void complete(T value) {
        result.complete(value);
    }

    /** The id of the job running now, or of the last one; -1 if the action needed no job. */
    public int jobId() {
        synchronized (lock) {
            return waiter == null ? -1 : waiter.jobId();
        }
    }

    /** The ids of the jobs started so far, in order (Spark's {@code jobIds()}). */
    public List<Integer> jobIds() {
        return List.copyOf(jobIds);
    }

    /** For composing with other asynchronous work. */
    public CompletionStage<T> toCompletionStage() {
        return result;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (result.isDone()) {
            return false;
        }
        synchronized (lock) {
            interruptOnCancel = mayInterruptIfRunning;
            cancelled = true;
            if (waiter != null) {
                waiter.cancel("by the user", mayInterruptIfRunning);
            }
        }
        return true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public T get() throws ExecutionException {
        return awaitResult();
    }

    /**
     * {@link #get()}, for callers inside Ember (where an unbounded {@code Future.get()} is banned): waits in bounded
     * slices while the scheduler lives, as the blocking actions do.
     */
    public T awaitResult() throws ExecutionException {
        while (!result.isDone()) {
            JobWaiter<?> current;
            CompletableFuture<Void> currentHandled;
            synchronized (lock) {
                current = waiter;
                currentHandled = handled;
            }
            if (current == null) {
                break;
            }
            try {
                scheduler.awaitJob(current);
            } catch (EmberException e) {
                throw new ExecutionException(e);
            }
            awaitAssembled(currentHandled, current.jobId());
            synchronized (lock) {
                if (waiter == current && !result.isDone()) {
                    // A step that neither completed the future nor started a job: waiting on would spin.
                    throw new ExecutionException(new EmberException(
                            ErrorClass.INTERNAL_ERROR,
                            "Job " + current.jobId() + " ended, but its action neither finished nor started another"));
                }
            }
        }
        return awaitAssembled(result, jobId());
    }

    /** Waits for what is built after a job ended, which takes no job of its own: a minute is plenty. */
    private static <V> V awaitAssembled(CompletableFuture<V> future, int jobId) throws ExecutionException {
        try {
            return future.get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        } catch (TimeoutException e) {
            throw new ExecutionException(new EmberException(
                    ErrorClass.TIMEOUT, "Job " + jobId + " finished but its result was not assembled within a minute"));
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }
}
