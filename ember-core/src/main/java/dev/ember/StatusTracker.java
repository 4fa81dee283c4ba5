package dev.ember;

import dev.ember.status.AppStatusStore;
import java.util.List;
import java.util.Optional;

/**
 * Read-only progress of jobs and stages, for monitoring from the driver program: which jobs and stages run and
 * how many of their tasks are done. Fed by listener events, so it lags events by a few milliseconds.
 */
public final class StatusTracker {
    private final AppStatusStore store;

    StatusTracker(AppStatusStore store) {
        this.store = store;
    }

    /** Jobs running now. */
    public List<Integer> getActiveJobIds() {
        return store.activeJobIds();
    }

    /** Stages running now. */
    public List<Integer> getActiveStageIds() {
        return store.activeStageIds();
    }

    /** Jobs (running or finished, recent ones) started with {@code ctx.setJobGroup(group, ...)}. */
    public List<Integer> getJobIdsForGroup(String group) {
        return store.jobIdsForGroup(group);
    }

    public Optional<EmberJobInfo> getJobInfo(int jobId) {
        return store.jobInfo(jobId);
    }

    public Optional<EmberStageInfo> getStageInfo(int stageId) {
        return store.stageInfo(stageId);
    }
}
