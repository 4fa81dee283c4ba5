package dev.ember.executor;

/**
 * Grants a task attempt the right to commit its output for a partition; at most one attempt per partition is
 * granted. On the driver this is the scheduler's coordinator; executors of a cluster ask it over the network.
 */
public interface OutputCommitAuthority {
    boolean canCommit(int stageId, int stageAttempt, int partitionId, int attemptNumber);
}
