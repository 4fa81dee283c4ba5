package dev.ember.executor;

/** The life of a task attempt as its executor reports it. */
public enum TaskState {
    LAUNCHING,
    RUNNING,
    FINISHED,
    FAILED,
    KILLED,
    LOST;

    public boolean isFinished() {
        return this == FINISHED || this == FAILED || this == KILLED || this == LOST;
    }

    public boolean isFailed() {
        return this == FAILED || this == KILLED || this == LOST;
    }
}
