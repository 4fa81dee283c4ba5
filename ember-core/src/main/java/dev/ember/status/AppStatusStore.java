package dev.ember.status;

import dev.ember.EmberJobInfo;
import dev.ember.EmberStageInfo;
import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.StageInfo;
import dev.ember.executor.TaskEndReason;
import dev.ember.scheduler.DAGScheduler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A listener keeping a summary of jobs and stages: status, task counts, times. Keeps the most recent 1000
 * finished jobs and stages. Updated on the listener bus thread, read from any thread (one lock).
 */
public final class AppStatusStore implements EmberListener {
    private static final int RETAINED = 1000;

    /** The summary of one stage's latest attempt. */
    public static final class StageData {
        final int stageId;
        int attemptId;
        String name;
        int numTasks;
        int active;
        int completed;
        int failed;
        long submissionTime;
        long completionTime;
        String status = "PENDING";

        StageData(int stageId) {
            this.stageId = stageId;
        }

        public int stageId() {
            return stageId;
        }

        public String name() {
            return name;
        }

        public int numTasks() {
            return numTasks;
        }

        public int active() {
            return active;
        }

        public int completed() {
            return completed;
        }

        public int failed() {
            return failed;
        }

        public long submissionTime() {
            return submissionTime;
        }
    }

    private static final class JobData {
        final int jobId;
        final List<Integer> stageIds;
        final String group;
        String status = "RUNNING";

        JobData(int jobId, List<Integer> stageIds, String group) {
            this.jobId = jobId;
            this.stageIds = stageIds;
            this.group = group;
        }
    }

    private final Map<Integer, JobData> jobs = new LinkedHashMap<>();
    private final Map<Integer, StageData> stages = new LinkedHashMap<>();

    @Override
    public synchronized void onJobStart(EmberListenerEvent.JobStart event) {
        String group = event.properties() == null ? null : event.properties().getProperty(DAGScheduler.JOB_GROUP_ID);
        jobs.put(event.jobId(), new JobData(event.jobId(), event.stageIds(), group));
        for (StageInfo info : event.stageInfos()) {
            StageData stage = stages.computeIfAbsent(info.stageId(), StageData::new);
            stage.name = info.name();
            stage.numTasks = info.numTasks();
        }
        trim(jobs);
    }

    @Override
    public synchronized void onJobEnd(EmberListenerEvent.JobEnd event) {
        JobData job = jobs.get(event.jobId());
        if (job != null) {
            job.status = event.result() instanceof JobResult.JobSucceeded ? "SUCCEEDED" : "FAILED";
        }
    }

    @Override
    public synchronized void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
        StageInfo info = event.stageInfo();
        StageData stage = stages.computeIfAbsent(info.stageId(), StageData::new);
        stage.attemptId = info.attemptNumber();
        stage.name = info.name();
        stage.numTasks = info.numTasks();
        stage.active = 0;
        stage.completed = 0;
        stage.failed = 0;
        stage.submissionTime = info.submissionTime();
        stage.completionTime = 0;
        stage.status = "ACTIVE";
        trim(stages);
    }

    @Override
    public synchronized void onStageCompleted(EmberListenerEvent.StageCompleted event) {
        StageInfo info = event.stageInfo();
        StageData stage = stages.get(info.stageId());
        if (stage != null && stage.attemptId == info.attemptNumber()) {
            stage.status = info.failureReason() == null ? "COMPLETE" : "FAILED";
            stage.completionTime = info.completionTime();
            stage.active = 0;
        }
    }

    @Override
    public synchronized void onTaskStart(EmberListenerEvent.TaskStart event) {
        StageData stage = stages.get(event.stageId());
        if (stage != null && stage.attemptId == event.stageAttemptId()) {
            stage.active++;
        }
    }

    @Override
    public synchronized void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        StageData stage = stages.get(event.stageId());
        if (stage == null || stage.attemptId != event.stageAttemptId()) {
            return;
        }
        stage.active = Math.max(0, stage.active - 1);
        if (event.reason() instanceof TaskEndReason.Success) {
            stage.completed = Math.min(stage.numTasks, stage.completed + 1);
        } else if (!(event.reason() instanceof TaskEndReason.Resubmitted)) {
            stage.failed++;
        }
    }

    public synchronized List<Integer> activeJobIds() {
        List<Integer> ids = new ArrayList<>();
        jobs.values().forEach(job -> {
            if (job.status.equals("RUNNING")) {
                ids.add(job.jobId);
            }
        });
        return ids;
    }

    public synchronized List<Integer> activeStageIds() {
        List<Integer> ids = new ArrayList<>();
        stages.values().forEach(stage -> {
            if (stage.status.equals("ACTIVE")) {
                ids.add(stage.stageId);
            }
        });
        return ids;
    }

    /** Snapshots of the stages running now, by id. */
    public synchronized List<EmberStageInfo> activeStages() {
        List<EmberStageInfo> result = new ArrayList<>();
        for (StageData stage : stages.values()) {
            if (stage.status.equals("ACTIVE")) {
                result.add(snapshot(stage));
            }
        }
        return result;
    }

    public synchronized List<Integer> jobIdsForGroup(String group) {
        List<Integer> ids = new ArrayList<>();
        jobs.values().forEach(job -> {
            if (group != null && group.equals(job.group)) {
                ids.add(job.jobId);
            }
        });
        return ids;
    }

    public synchronized Optional<EmberJobInfo> jobInfo(int jobId) {
        JobData job = jobs.get(jobId);
        return job == null
                ? Optional.empty()
                : Optional.of(new EmberJobInfo(job.jobId, List.copyOf(job.stageIds), job.status, job.group));
    }

    public synchronized Optional<EmberStageInfo> stageInfo(int stageId) {
        StageData stage = stages.get(stageId);
        return stage == null ? Optional.empty() : Optional.of(snapshot(stage));
    }

    private static EmberStageInfo snapshot(StageData stage) {
        return new EmberStageInfo(
                stage.stageId,
                stage.attemptId,
                stage.name,
                stage.numTasks,
                stage.active,
                stage.completed,
                stage.failed,
                stage.submissionTime,
                stage.status);
    }

    private static <V> void trim(Map<Integer, V> map) {
        Iterator<Map.Entry<Integer, V>> entries = map.entrySet().iterator();
        while (map.size() > RETAINED && entries.hasNext()) {
            Map.Entry<Integer, V> entry = entries.next();
            Object value = entry.getValue();
            boolean running = value instanceof JobData job
                    ? job.status.equals("RUNNING")
                    : ((StageData) value).status.equals("ACTIVE");
            if (!running) {
                entries.remove();
            }
        }
    }
}
