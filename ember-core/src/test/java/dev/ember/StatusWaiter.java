package dev.ember;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on what the status tracker reports. The tracker changes only when a scheduler event is
 * delivered, so the condition is checked again after each job, stage or task event (the status store, registered
 * first, has applied it by then) rather than polled on a timer.
 */
final class StatusWaiter implements EmberListener {

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
        if (!ThreadUtils.waitUntil(this, condition, System.nanoTime() + timeout.toNanos(), 0)) {
            throw new AssertionError(
                    (Thread.currentThread().isInterrupted() ? "Interrupted" : "Timed out after " + timeout)
                            + " waiting until " + description);
        }
    }

    private synchronized void signal() {
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
