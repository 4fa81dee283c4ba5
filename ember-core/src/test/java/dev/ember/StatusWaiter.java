package dev.ember;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on what the status tracker reports. The tracker changes only when a scheduler event is
 * delivered, so the condition is checked again after each job, stage or task event (the status store, registered
 * first, has applied it by then) rather than polled on a timer.
 */
final class StatusWaiter implements EmberListener {
    private long events;

    private StatusWaiter() {}

    /** Blocks until {@code condition} holds, failing after {@code timeout}. */
    static void await(EmberContext ctx, Duration timeout, String description, BooleanSupplier condition) {
        StatusWaiter waiter = new StatusWaiter();
        ctx.addListener(waiter);
        try {
            waiter.awaitCondition(timeout, description, condition);
        } finally {
            ctx.removeListener(waiter);
        }
    }

    private synchronized void awaitCondition(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long seen = events;
            while (events == seen) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
                }
                try {
                    wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted waiting until " + description, e);
                }
            }
        }
    }

    private synchronized void signal() {
        events++;
        notifyAll();
    }

    @Override
    public void onJobStart(EmberListenerEvent.JobStart event) {
        signal();
    }

    @Override
    public void onJobEnd(EmberListenerEvent.JobEnd event) {
        signal();
    }

    @Override
    public void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
        signal();
    }

    @Override
    public void onStageCompleted(EmberListenerEvent.StageCompleted event) {
        signal();
    }

    @Override
    public void onTaskStart(EmberListenerEvent.TaskStart event) {
        signal();
    }

    @Override
    public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        signal();
    }
}
