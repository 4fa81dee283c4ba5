package dev.ember;

import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.JobWaiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A job running in the background ({@code collectAsync}, {@code countAsync}, {@code ctx.submitJob}). Cancelling
 * it cancels the job's tasks. {@link #get()} waits like the blocking actions do: in bounded slices, checking that
 * the scheduler is alive.
 */
public final class JobFuture<T> implements Future<T> {
    private final DAGScheduler scheduler;
    private final JobWaiter<?> waiter;
    private final CompletableFuture<T> result;
    private volatile boolean cancelled;

    JobFuture(DAGScheduler scheduler, JobWaiter<?> waiter, Supplier<T> resultFunction) {
        this.scheduler = scheduler;
        this.waiter = waiter;
        this.result = waiter.completion().thenApply(ignored -> resultFunction.get());
    }

    /** The id of the job. */
    public int jobId() {
        return waiter.jobId();
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
        cancelled = true;
        waiter.cancel("by the user", mayInterruptIfRunning);
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
        try {
            scheduler.awaitJob(waiter);
        } catch (EmberException e) {
            throw new ExecutionException(e);
        }
        try {
            return result.get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        } catch (TimeoutException e) {
            throw new ExecutionException(new EmberException(
                    ErrorClass.TIMEOUT,
                    "Job " + jobId() + " finished but its result was not assembled within a minute"));
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }
}
