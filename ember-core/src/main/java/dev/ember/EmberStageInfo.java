package dev.ember;

/** The latest attempt of a stage as the status tracker sees it. */
public record EmberStageInfo(
        int stageId,
        int attemptId,
        String name,
        int numTasks,
        int numActiveTasks,
        int numCompletedTasks,
        int numFailedTasks,
        long submissionTime,
        String status) {}
