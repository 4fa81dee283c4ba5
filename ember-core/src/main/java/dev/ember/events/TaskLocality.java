package dev.ember.events;

/** How close a task ran to its data, best first. */
public enum TaskLocality {
    /** In the executor holding the data (a cached block). */
    PROCESS_LOCAL,
    /** On the host holding the data. */
    NODE_LOCAL,
    /** The task has no preference. */
    NO_PREF,
    /** Anywhere. */
    ANY;

    /** Whether a task at this level may run at {@code constraint} or better. */
    public boolean isAllowed(TaskLocality constraint) {
        return constraint.ordinal() >= ordinal();
    }
}
