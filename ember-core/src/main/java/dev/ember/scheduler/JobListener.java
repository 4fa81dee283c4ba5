package dev.ember.scheduler;

/** Receives the results of a job's tasks as they arrive, then its end. Called on the DAG scheduler's thread. */
public interface JobListener {
    /** Output {@code index} (the job's {@code index}-th partition) is {@code result}. */
    void taskSucceeded(int index, Object result);

    /** The job failed; no more results will come. */
    void jobFailed(Exception error);
}
