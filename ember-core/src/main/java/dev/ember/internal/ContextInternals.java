package dev.ember.internal;

import dev.ember.EmberContext;
import dev.ember.events.LiveListenerBus;
import dev.ember.executor.EmberEnv;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.shuffle.MapOutputTrackerMaster;

/**
 * The engine's way to a context's internal components, which {@link EmberContext} does not expose: its user API
 * shows no internal type. For the engine's own packages and their tests only; applications have no use for it.
 */
public final class ContextInternals {
    /** Implemented once, by {@link EmberContext}, which installs it when its class is initialized. */
    public interface Access {
        EmberEnv env(EmberContext context);

        DAGScheduler dagScheduler(EmberContext context);

        TaskSchedulerImpl taskScheduler(EmberContext context);

        MapOutputTrackerMaster mapOutputTracker(EmberContext context);

        LiveListenerBus listenerBus(EmberContext context);

        SchedulerBackend schedulerBackend(EmberContext context);
    }

    private static volatile Access access;

    private ContextInternals() {}

    /** Called by {@link EmberContext} alone; a second installation is refused. */
    public static synchronized void install(Access implementation) {
        if (access != null) {
            throw new IllegalStateException("context internals are already installed");
        }
        access = implementation;
    }

    private static Access access(EmberContext context) {
        if (context == null) {
            throw new NullPointerException("context is null");
        }
        // Holding a context means its class, and so the installation, is initialized.
        return access;
    }

    /** The driver's services: serializers, block manager, shuffle manager, memory manager. */
    public static EmberEnv env(EmberContext context) {
        return access(context).env(context);
    }

    public static DAGScheduler dagScheduler(EmberContext context) {
        return access(context).dagScheduler(context);
    }

    public static TaskSchedulerImpl taskScheduler(EmberContext context) {
        return access(context).taskScheduler(context);
    }

    public static MapOutputTrackerMaster mapOutputTracker(EmberContext context) {
        return access(context).mapOutputTracker(context);
    }

    public static LiveListenerBus listenerBus(EmberContext context) {
        return access(context).listenerBus(context);
    }

    /** Where tasks are launched: local threads, or executors of a cluster. */
    public static SchedulerBackend schedulerBackend(EmberContext context) {
        return access(context).schedulerBackend(context);
    }
}
