package dev.ember;

import java.util.List;

/**
 * A job as the status tracker sees it.
 *
 * @param status RUNNING, SUCCEEDED or FAILED
 */
public record EmberJobInfo(int jobId, List<Integer> stageIds, String status, String jobGroup) {}
