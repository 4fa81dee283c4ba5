package dev.ember.events;

/** How a job ended. */
public sealed interface JobResult {
    /** Every partition was computed. */
    record JobSucceeded() implements JobResult {}

    /** The job failed or was cancelled; {@code exception} says why. */
    record JobFailed(Exception exception) implements JobResult {}
}
