package dev.ember.events;

import java.io.Serializable;

/**
 * One attempt of one task: where and when it ran and how it ended. Mutated by the task scheduler as the attempt
 * progresses (under the scheduler's lock); listeners receive it with the task's events.
 */
public final class TaskInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long taskId;
    private final int index;
    private final int attemptNumber;
    private final int partitionId;
    private final long launchTime;
    private final String executorId;
    private final String host;
    private final TaskLocality locality;
    private final boolean speculative;
    private volatile long gettingResultTime;
    private volatile long finishTime;
    private volatile boolean failed;
    private volatile boolean killed;

    public TaskInfo(
            long taskId,
            int index,
            int attemptNumber,
            int partitionId,
            long launchTime,
            String executorId,
            String host,
            TaskLocality locality,
            boolean speculative) {
        this.taskId = taskId;
        this.index = index;
        this.attemptNumber = attemptNumber;
        this.partitionId = partitionId;
        this.launchTime = launchTime;
        this.executorId = executorId;
        this.host = host;
        this.locality = locality;
        this.speculative = speculative;
    }

    public long taskId() {
        return taskId;
    }

    public int index() {
        return index;
    }

    public int attemptNumber() {
        return attemptNumber;
    }

    public int partitionId() {
        return partitionId;
    }

    public long launchTime() {
        return launchTime;
    }

    public String executorId() {
        return executorId;
    }

    public String host() {
        return host;
    }

    public TaskLocality locality() {
        return locality;
    }

    public boolean speculative() {
        return speculative;
    }

    public long gettingResultTime() {
        return gettingResultTime;
    }

    public long finishTime() {
        return finishTime;
    }

    public boolean finished() {
        return finishTime != 0;
    }

    public boolean successful() {
        return finished() && !failed && !killed;
    }

    public boolean failed() {
        return failed;
    }

    public boolean killed() {
        return killed;
    }

    public boolean running() {
        return !finished();
    }

    /** How long the attempt has run (until now if still running). */
    public long duration(long now) {
        return (finished() ? finishTime : now) - launchTime;
    }

    public void markGettingResult(long time) {
        gettingResultTime = time;
    }

    public void markFinished(long time, boolean failed, boolean killed) {
        this.finishTime = time;
        this.failed = failed;
        this.killed = killed;
    }

    /** A short id such as {@code 3.1} (index.attempt). */
    public String id() {
        return index + "." + attemptNumber;
    }
}
