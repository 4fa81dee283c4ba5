package dev.ember.executor;

/** A task attempt was refused the right to commit its output: another attempt of the same task already did. */
public final class CommitDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int jobId;
    private final int partitionId;
    private final int attemptNumber;

    public CommitDeniedException(String message, int jobId, int partitionId, int attemptNumber) {
        super(message);
        this.jobId = jobId;
        this.partitionId = partitionId;
        this.attemptNumber = attemptNumber;
    }

    public int jobId() {
        return jobId;
    }

    public int partitionId() {
        return partitionId;
    }

    public int attemptNumber() {
        return attemptNumber;
    }
}
