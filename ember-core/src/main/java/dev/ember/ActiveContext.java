package dev.ember;

import dev.ember.util.CallSite;
import java.util.Optional;

/** The one {@link EmberContext} a JVM may run at a time, and where it was created, for the error naming it. */
final class ActiveContext {
    private static final Object LOCK = new Object();
    private static EmberContext active;
    private static String createdAt;

    private ActiveContext() {}

    static Optional<EmberContext> get() {
        synchronized (LOCK) {
            return Optional.ofNullable(active);
        }
    }

    /** Makes {@code context} the active one; fails, naming the other, if one is active already. */
    static void claim(EmberContext context) {
        synchronized (LOCK) {
            if (active != null) {
                throw new EmberException(
                        ErrorClass.CONTEXT_ALREADY_ACTIVE,
                        "Only one EmberContext may run in a JVM; the active one (application '" + active.appName()
                                + "') was created at " + createdAt + ". Call stop() on it first, or use"
                                + " EmberContext.getOrCreate(conf).");
            }
            active = context;
            createdAt = CallSite.capture().location();
        }
    }

    /** Forgets {@code context}, if it is the active one. */
    static void release(EmberContext context) {
        synchronized (LOCK) {
            if (active == context) {
                active = null;
                createdAt = null;
            }
        }
    }
}
