package dev.ember.events;

import java.io.Serializable;
import java.util.List;

/**
 * One attempt of a stage, as listeners see it. Submission and completion times and the failure reason are set as
 * the attempt progresses (by the scheduler's thread).
 */
public final class StageInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int stageId;
    private final int attemptNumber;
    private final String name;
    private final int numTasks;
    private final List<RddInfo> rddInfos;
    private final List<Integer> parentIds;
    private final String details;
    private final boolean shuffleMap;
    private volatile long submissionTime;
    private volatile long completionTime;
    private volatile String failureReason;
    private final java.util.Map<Long, AccumulableInfo> accumulables = new java.util.concurrent.ConcurrentHashMap<>();

    public StageInfo(
            int stageId,
            int attemptNumber,
            String name,
            int numTasks,
            List<RddInfo> rddInfos,
            List<Integer> parentIds,
            String details,
            boolean shuffleMap) {
        this.stageId = stageId;
        this.attemptNumber = attemptNumber;
        this.name = name;
        this.numTasks = numTasks;
        this.rddInfos = List.copyOf(rddInfos);
        this.parentIds = List.copyOf(parentIds);
        this.details = details;
        this.shuffleMap = shuffleMap;
    }

    public int stageId() {
        return stageId;
    }

    public int attemptNumber() {
        return attemptNumber;
    }

    public String name() {
        return name;
    }

    /** Tasks in this attempt (the partitions it computes). */
    public int numTasks() {
        return numTasks;
    }

    public List<RddInfo> rddInfos() {
        return rddInfos;
    }

    public List<Integer> parentIds() {
        return parentIds;
    }

    /** The user code that created the stage. */
    public String details() {
        return details;
    }

    /** Whether the stage writes a shuffle (rather than returning results). */
    public boolean isShuffleMap() {
        return shuffleMap;
    }

    public long submissionTime() {
        return submissionTime;
    }

    public long completionTime() {
        return completionTime;
    }

    public String failureReason() {
        return failureReason;
    }

    /** The named accumulators the attempt's successful tasks updated, by id, with their values after the update. */
    public java.util.Map<Long, AccumulableInfo> accumulables() {
        return java.util.Map.copyOf(accumulables);
    }

    public void updateAccumulable(AccumulableInfo accumulable) {
        accumulables.put(accumulable.id(), accumulable);
    }

    public void markSubmitted(long time) {
        submissionTime = time;
    }

    public void markCompleted(long time) {
        completionTime = time;
    }

    public void markFailed(String reason, long time) {
        failureReason = reason;
        completionTime = time;
    }

    @Override
    public String toString() {
        return "Stage " + stageId + "." + attemptNumber + " (" + name + ")";
    }
}
