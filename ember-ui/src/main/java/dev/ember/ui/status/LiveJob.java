package dev.ember.ui.status;

import dev.ember.events.StageInfo;
import dev.ember.ui.api.ApiTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A job as it runs: counters updated by the store's events. Guarded by the store's lock. */
final class LiveJob {
    final int jobId;
    final String name;
    final String description;
    final String group;
    final long submissionTime;
    final List<StageInfo> stages;
    final int numTasks;
    long completionTime;
    String status = "RUNNING";
    int activeTasks;
    int completedTasks;
    int failedTasks;
    int killedTasks;
    int skippedTasks;
    int activeStages;
    int completedStages;
    int failedStages;
    int skippedStages;
    final Map<String, Integer> killedSummary = new HashMap<>();

    LiveJob(int jobId, String name, String description, String group, long submissionTime, List<StageInfo> stages) {
        this.jobId = jobId;
        this.name = name;
        this.description = description;
        this.group = group;
        this.submissionTime = submissionTime;
        this.stages = List.copyOf(stages);
        this.numTasks = stages.stream().mapToInt(StageInfo::numTasks).sum();
    }

    /** Counts one of its tasks that ended with {@code status}. */
    void taskEnded(String status, boolean wasRunning, String killReason) {
        if (wasRunning) {
            activeTasks = Math.max(0, activeTasks - 1);
        }
        switch (status) {
            case "SUCCESS" -> completedTasks++;
            case "KILLED" -> {
                killedTasks++;
                killedSummary.merge(String.valueOf(killReason), 1, Integer::sum);
            }
            default -> failedTasks++;
        }
    }

    boolean running() {
        return status.equals("RUNNING");
    }

    ApiTypes.JobData snapshot() {
        return new ApiTypes.JobData(
                jobId,
                name,
                description,
                ApiTime.format(submissionTime),
                ApiTime.format(completionTime),
                stages.stream().map(StageInfo::stageId).sorted().toList(),
                group,
                List.of(),
                status,
                numTasks,
                activeTasks,
                completedTasks,
                skippedTasks,
                failedTasks,
                killedTasks,
                completedTasks,
                activeStages,
                completedStages,
                skippedStages,
                failedStages,
                Map.copyOf(killedSummary));
    }
}
