package dev.ember.scheduler;

import dev.ember.util.CallSite;
import java.util.Properties;

/**
 * A running job: its final stage, which outputs are done, who is waiting. The final stage is a result stage, or for a
 * job that only computes a shuffle's map outputs ({@link DAGScheduler#submitMapStage}) a map stage with one output:
 * the stage's statistics. Owned by the DAG scheduler's thread.
 */
final class ActiveJob {
    private final int jobId;
    private final Stage finalStage;
    private final CallSite callSite;
    private final JobListener listener;
    private final Properties properties;
    private final boolean[] finished;
    private int numFinished;

    ActiveJob(int jobId, ResultStage finalStage, CallSite callSite, JobListener listener, Properties properties) {
        this(jobId, finalStage, finalStage.partitions().length, callSite, listener, properties);
    }

    /** A job computing the map outputs of {@code mapStage}; its one output is the stage's statistics. */
    ActiveJob(int jobId, ShuffleMapStage mapStage, CallSite callSite, JobListener listener, Properties properties) {
        this(jobId, mapStage, 1, callSite, listener, properties);
    }

    private ActiveJob(
            int jobId, Stage finalStage, int outputs, CallSite callSite, JobListener listener, Properties properties) {
        this.jobId = jobId;
        this.finalStage = finalStage;
        this.callSite = callSite;
        this.listener = listener;
        this.properties = properties;
        this.finished = new boolean[outputs];
    }

    int jobId() {
        return jobId;
    }

    Stage finalStage() {
        return finalStage;
    }

    CallSite callSite() {
        return callSite;
    }

    JobListener listener() {
        return listener;
    }

    Properties properties() {
        return properties;
    }

    int numPartitions() {
        return finished.length;
    }

    boolean isFinished(int output) {
        return finished[output];
    }

    void markFinished(int output) {
        if (!finished[output]) {
            finished[output] = true;
            numFinished++;
        }
    }

    boolean allFinished() {
        return numFinished == finished.length;
    }
}
