package dev.ember.scheduler;

/** Runs task sets on executors. What the DAG scheduler needs of the task scheduler. */
public interface TaskScheduler {
    /** Where task outcomes go. Set once, before the first task set. */
    void setListener(TaskSchedulerListener listener);

    void submitTasks(TaskSet taskSet);

    /** Kills the running tasks of every attempt of a stage and launches no more of them. */
    void cancelTasks(int stageId, boolean interruptThread, String reason);

    /** Kills one task attempt; false if it is not running. */
    boolean killTaskAttempt(long taskId, boolean interruptThread, String reason);

    int defaultParallelism();

    void stop();
}
