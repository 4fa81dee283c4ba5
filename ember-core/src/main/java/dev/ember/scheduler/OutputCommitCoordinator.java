package dev.ember.scheduler;

import dev.ember.executor.OutputCommitAuthority;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which attempt of a task may commit its output files, so that with retries and speculation exactly one
 * attempt's output is kept per partition. The first attempt to ask wins; if the winner then fails, the next asker
 * may win. Thread-safe (one lock).
 */
public final class OutputCommitCoordinator implements OutputCommitAuthority {
    private record Attempt(int stageAttempt, int attemptNumber) {}

    private final Map<Integer, Map<Integer, Attempt>> winners = new HashMap<>();

    /** Starts tracking a stage. */
    public synchronized void stageStart(int stageId) {
        winners.putIfAbsent(stageId, new HashMap<>());
    }

    public synchronized void stageEnd(int stageId) {
        winners.remove(stageId);
    }

    @Override
    public synchronized boolean canCommit(int stageId, int stageAttempt, int partitionId, int attemptNumber) {
        Map<Integer, Attempt> stage = winners.get(stageId);
        if (stage == null) {
            return false;
        }
        Attempt asking = new Attempt(stageAttempt, attemptNumber);
        Attempt winner = stage.putIfAbsent(partitionId, asking);
        return winner == null || winner.equals(asking);
    }

    /** A task attempt ended; a failed winner gives up its right to commit. */
    public synchronized void taskCompleted(
            int stageId, int stageAttempt, int partitionId, int attemptNumber, boolean succeeded) {
        if (succeeded) {
            return;
        }
        Map<Integer, Attempt> stage = winners.get(stageId);
        if (stage != null && new Attempt(stageAttempt, attemptNumber).equals(stage.get(partitionId))) {
            stage.remove(partitionId);
        }
    }
}
