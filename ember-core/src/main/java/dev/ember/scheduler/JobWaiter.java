package dev.ember.scheduler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

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
