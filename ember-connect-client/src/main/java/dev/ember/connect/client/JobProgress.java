package dev.ember.connect.client;

import java.util.List;

/**
 * How far a job on the server has come, as the server reports it while the job runs (about every
 * {@code ember.connect.progress.reportInterval}, when something changed): its stages so far and the tasks running.
 *
 * @param stages the stages of the action's jobs, in the order they were submitted
 * @param runningTasks tasks running right now
 */
public record JobProgress(List<Stage> stages, long runningTasks) {
    public JobProgress {
        stages = List.copyOf(stages);
    }

    /** One stage: how many tasks it has and how many are done, and whether the stage is. */
    public record Stage(long stageId, long tasks, long completedTasks, boolean done) {}

    /** Tasks done over all stages. */
    public long completedTasks() {
        return stages.stream().mapToLong(Stage::completedTasks).sum();
    }

    /** Tasks over all stages. */
    public long tasks() {
        return stages.stream().mapToLong(Stage::tasks).sum();
    }
}
