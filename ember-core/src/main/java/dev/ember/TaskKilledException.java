package dev.ember;

/** Thrown inside a task that was asked to stop; the task ends as killed, not failed, and is not retried. */
public final class TaskKilledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public TaskKilledException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
