package dev.ember.scheduler;

import dev.ember.util.CallSite;
import java.util.Properties;

/** A running job: its final stage, which outputs are done, who is waiting. Owned by the DAG scheduler's thread. */
final class ActiveJob {
    private final int jobId;
    private final ResultStage finalStage;
    private final CallSite callSite;
    private final JobListener listener;
    private final Properties properties;
    private final boolean[] finished;
    private int numFinished;

    ActiveJob(int jobId, ResultStage finalStage, CallSite callSite, JobListener listener, Properties properties) {
        this.jobId = jobId;
        this.finalStage = finalStage;
        this.callSite = callSite;
        this.listener = listener;
        this.properties = properties;
        this.finished = new boolean[finalStage.partitions().length];
    }

    int jobId() {
        return jobId;
    }

    ResultStage finalStage() {
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
