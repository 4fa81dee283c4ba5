package dev.ember.scheduler;

/**
 * Offers executor slots to the task scheduler and launches the tasks it picks: local threads
 * ({@link LocalSchedulerBackend}) or remote executors (cluster mode). All methods may be called from any thread
 * and must not block.
 */
public interface SchedulerBackend {
    void start();

    void stop();

    /**
     * Waits, bounded, until enough executors have registered to run the first job as the application asked (cluster
     * mode); returns at once where there is nothing to wait for.
     */
    default void awaitReady() {}

    /** Asks the backend to offer its free slots now (tasks are waiting). */
    void reviveOffers();

    void killTask(long taskId, String executorId, boolean interruptThread, String reason);

    int defaultParallelism();

    /** Task slots offered now: the local threads, or the cores of the registered executors. */
    int totalCores();

    /** An identifier of the application on the cluster manager. */
    String applicationId();

    /** Executors alive now (for speculation: a second attempt prefers another executor when there is one). */
    int numExecutors();
}
