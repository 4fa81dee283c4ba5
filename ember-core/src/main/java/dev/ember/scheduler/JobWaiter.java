package dev.ember.scheduler;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Collects a job's results as its tasks finish and completes when all have (or when the job fails). Results are
 * handed to {@code resultHandler} on the DAG scheduler's thread, one at a time.
 */
public final class JobWaiter<U> implements JobListener {
    private final DAGScheduler scheduler;
    private final int jobId;
    private final int totalTasks;
    private final BiConsumer<Integer, U> resultHandler;
    private final AtomicInteger finishedTasks = new AtomicInteger();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    JobWaiter(DAGScheduler scheduler, int jobId, int totalTasks, BiConsumer<Integer, U> resultHandler) {
        this.scheduler = scheduler;
        this.jobId = jobId;
        this.totalTasks = totalTasks;
        this.resultHandler = resultHandler;
        if (totalTasks == 0) {
            completion.complete(null);
        }
    }

    public int jobId() {
        return jobId;
    }

    /** Completes when the job ends; exceptionally with the job's error. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Asks the scheduler to cancel the job. */
    public void cancel(String reason) {
        scheduler.cancelJob(jobId, reason);
    }

    /** Asks the scheduler to cancel the job, interrupting its task threads if {@code interruptThreads}. */
    public void cancel(String reason, boolean interruptThreads) {
        scheduler.cancelJob(jobId, reason, interruptThreads);
    }

    /**
     * Waits for the job, in slices of {@code pollMillis}; between slices {@code schedulerActive} is checked, so a
     * waiting thread never outlives a dead scheduler. Interrupting the waiting thread cancels the job; so does the
     * waiting thread being stopped any other way (an interpreter stopping a notebook cell), in which case its running
     * tasks are interrupted too. A failed job's error is rethrown as a fresh exception whose stack shows the caller.
     */
    void await(long pollMillis, BooleanSupplier schedulerActive) {
        boolean ended = false;
        try {
            awaitCompletion(pollMillis, schedulerActive);
            ended = true;
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        } finally {
            if (!ended && !completion.isDone()) {
                cancel("the thread waiting for it was stopped", true);
            }
        }
    }

    private void awaitCompletion(long pollMillis, BooleanSupplier schedulerActive) {
        while (true) {
            try {
                completion.get(pollMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (!schedulerActive.getAsBoolean()) {
                    throw new EmberException(
                            ErrorClass.CONTEXT_STOPPED, "Job " + jobId + " cannot finish: the scheduler has stopped");
                }
            } catch (InterruptedException e) {
                cancel("the thread waiting for it was interrupted");
                Thread.currentThread().interrupt();
                throw new EmberException(
                        ErrorClass.JOB_CANCELLED, "Job " + jobId + " cancelled: the waiting thread was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof EmberException ember) {
                    // Rethrow a fresh exception so the stack shows the caller, keeping the original as cause.
                    throw new EmberException(
                            ember.errorClass(), ember.detail(), ember.getCause() != null ? ember.getCause() : ember);
                }
                throw new EmberException(ErrorClass.JOB_ABORTED, "Job " + jobId + " failed: " + cause, cause);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void taskSucceeded(int index, Object result) {
        synchronized (this) {
            resultHandler.accept(index, (U) result);
        }
        if (finishedTasks.incrementAndGet() == totalTasks) {
            completion.complete(null);
        }
    }

    @Override
    public void jobFailed(Exception error) {
        completion.completeExceptionally(error);
    }
}
