package dev.ember;

import dev.ember.events.LiveListenerBus;
import dev.ember.executor.EmberEnv;
import dev.ember.internal.ContextInternals;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.shuffle.MapOutputTrackerMaster;

/**
 * How the engine's packages reach a context's components ({@link ContextInternals}), which {@link EmberContext} keeps
 * out of its public API. Installed once, when the context class is initialized.
 */
final class ContextAccess implements ContextInternals.Access {
    @Override
    public EmberEnv env(EmberContext context) {
        return context.components().env();
    }

    @Override
    public DAGScheduler dagScheduler(EmberContext context) {
        return context.components().dagScheduler();
    }

    @Override
    public TaskSchedulerImpl taskScheduler(EmberContext context) {
        return context.components().taskScheduler();
    }

    @Override
    public MapOutputTrackerMaster mapOutputTracker(EmberContext context) {
        return context.components().mapOutputTracker();
    }

    @Override
    public LiveListenerBus listenerBus(EmberContext context) {
        return context.components().listenerBus();
    }

    @Override
    public SchedulerBackend schedulerBackend(EmberContext context) {
        return context.components().backend();
    }
}
