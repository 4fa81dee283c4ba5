package dev.ember.scheduler;

import java.util.List;

/** A node of the scheduling tree: a pool, or a task set manager at the leaves. Guarded by the task scheduler's lock. */
interface Schedulable {
    String name();

    int runningTasks();

    int minShare();

    int weight();

    /** Lower runs first under FIFO: the job id. */
    int priority();

    int stageId();

    /** Task set managers under this node, in the order they should be offered slots. */
    List<TaskSetManager> sortedTaskSetQueue();

    /** Marks stragglers for speculation; true if any was found. */
    boolean checkSpeculatableTasks(long minTimeToSpeculation);
}
