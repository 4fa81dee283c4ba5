package dev.ember.events;

/**
 * Receives an application's events, on the listener bus's thread, one at a time, in the order they were posted.
 * Override what you need; a listener that throws is logged and keeps receiving events. A listener must not block:
 * while it runs, events queue up (and are dropped past {@code ember.scheduler.listenerbus.eventqueue.capacity}).
 *
 * <p>Register with {@code ctx.addListener(listener)} or name the class in {@code ember.extraListeners}.
 */
public interface EmberListener {
    default void onApplicationStart(EmberListenerEvent.ApplicationStart event) {}

    default void onApplicationEnd(EmberListenerEvent.ApplicationEnd event) {}

    default void onEnvironmentUpdate(EmberListenerEvent.EnvironmentUpdate event) {}

    default void onJobStart(EmberListenerEvent.JobStart event) {}

    default void onJobEnd(EmberListenerEvent.JobEnd event) {}

    default void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {}

    default void onStageCompleted(EmberListenerEvent.StageCompleted event) {}

    default void onTaskStart(EmberListenerEvent.TaskStart event) {}

    default void onTaskGettingResult(EmberListenerEvent.TaskGettingResult event) {}

    default void onTaskEnd(EmberListenerEvent.TaskEnd event) {}

    default void onSpeculativeTaskSubmitted(EmberListenerEvent.SpeculativeTaskSubmitted event) {}

    default void onExecutorAdded(EmberListenerEvent.ExecutorAdded event) {}

    default void onExecutorRemoved(EmberListenerEvent.ExecutorRemoved event) {}

    default void onBlockManagerAdded(EmberListenerEvent.BlockManagerAdded event) {}

    default void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {}

    default void onUnpersistRdd(EmberListenerEvent.UnpersistRdd event) {}

    default void onExecutorMetricsUpdate(EmberListenerEvent.ExecutorMetricsUpdate event) {}

    default void onOtherEvent(EmberListenerEvent.Custom event) {}

    /** Dispatches {@code event} to the method for its type. */
    static void dispatch(EmberListener listener, EmberListenerEvent event) {
        if (event instanceof EmberListenerEvent.TaskEnd e) {
            listener.onTaskEnd(e);
        } else if (event instanceof EmberListenerEvent.TaskStart e) {
            listener.onTaskStart(e);
        } else if (event instanceof EmberListenerEvent.TaskGettingResult e) {
            listener.onTaskGettingResult(e);
        } else if (event instanceof EmberListenerEvent.StageSubmitted e) {
            listener.onStageSubmitted(e);
        } else if (event instanceof EmberListenerEvent.StageCompleted e) {
            listener.onStageCompleted(e);
        } else if (event instanceof EmberListenerEvent.JobStart e) {
            listener.onJobStart(e);
        } else if (event instanceof EmberListenerEvent.JobEnd e) {
            listener.onJobEnd(e);
        } else if (event instanceof EmberListenerEvent.BlockUpdated e) {
            listener.onBlockUpdated(e);
        } else if (event instanceof EmberListenerEvent.SpeculativeTaskSubmitted e) {
            listener.onSpeculativeTaskSubmitted(e);
        } else if (event instanceof EmberListenerEvent.ExecutorAdded e) {
            listener.onExecutorAdded(e);
        } else if (event instanceof EmberListenerEvent.ExecutorRemoved e) {
            listener.onExecutorRemoved(e);
        } else if (event instanceof EmberListenerEvent.BlockManagerAdded e) {
            listener.onBlockManagerAdded(e);
        } else if (event instanceof EmberListenerEvent.UnpersistRdd e) {
            listener.onUnpersistRdd(e);
        } else if (event instanceof EmberListenerEvent.ExecutorMetricsUpdate e) {
            listener.onExecutorMetricsUpdate(e);
        } else if (event instanceof EmberListenerEvent.ApplicationStart e) {
            listener.onApplicationStart(e);
        } else if (event instanceof EmberListenerEvent.ApplicationEnd e) {
            listener.onApplicationEnd(e);
        } else if (event instanceof EmberListenerEvent.EnvironmentUpdate e) {
            listener.onEnvironmentUpdate(e);
        } else if (event instanceof EmberListenerEvent.Custom e) {
            listener.onOtherEvent(e);
        }
    }
}
