package dev.ember;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The result of an approximate action ({@code countApprox}): a value available when its time ran out, and the exact
 * value, which the job that kept running delivers later. When the job finished in time, the first value is the
 * exact one ({@link #isInitialValueFinal()}).
 *
 * @param <R> the type of value, such as {@link BoundedDouble}
 */
public final class PartialResult<R> {
    private final R initialValue;
    private final boolean initialValueFinal;
    private final JobFuture<R> finalValue;

    /** A result whose first value is final. */
    PartialResult(R finalValue) {
        this.initialValue = finalValue;
        this.initialValueFinal = true;
        this.finalValue = null;
    }

    /** A result whose exact value {@code job} delivers. */
    PartialResult(R initialValue, JobFuture<R> job) {
        this.initialValue = initialValue;
        this.initialValueFinal = false;
        this.finalValue = job;
    }

    /** The value when the time ran out (the exact one, if the job was done by then). */
    public R initialValue() {
        return initialValue;
    }

    /** Whether {@link #initialValue()} is already the exact value. */
    public boolean isInitialValueFinal() {
        return initialValueFinal;
    }

    /**
     * The exact value: waits for the job to finish (in bounded slices, checking that the scheduler is alive, as
     * blocking actions do). Throws the job's error ({@code JOB_CANCELLED} if it was cancelled) if it failed.
     */
    public R getFinalValue() {
        if (initialValueFinal) {
            return initialValue;
        }
        try {
            return finalValue.awaitResult();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EmberException ember) {
                throw ember;
            }
            throw new EmberException(
                    ErrorClass.JOB_ABORTED, "Job " + finalValue.jobId() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Completes with the exact value (or the job's error): for composing with other asynchronous work. */
    public CompletionStage<R> finalValue() {
        return initialValueFinal ? CompletableFuture.completedFuture(initialValue) : finalValue.toCompletionStage();
    }

    /** Cancels the job still computing the exact value; does nothing if the initial value was final. */
    public void cancel() {
        if (!initialValueFinal) {
            finalValue.cancel(true);
        }
    }

    @Override
    public String toString() {
        return initialValueFinal ? "(final: " + initialValue + ")" : "(partial: " + initialValue + ")";
    }
}
