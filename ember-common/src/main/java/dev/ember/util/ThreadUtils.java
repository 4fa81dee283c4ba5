package dev.ember.util;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place threads are created. Every thread has a name that says what it is for, and an uncaught-exception
 * handler that logs instead of dying silently. Callers document why they need a new pool.
 */
@AllowedCall("the approved thread factory")
public final class ThreadUtils {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadUtils.class);

    private static final Thread.UncaughtExceptionHandler LOGGING_HANDLER =
            (thread, error) -> LOG.error("Uncaught exception in thread {}", thread.getName(), error);

    private ThreadUtils() {}

    /** A factory naming threads {@code prefix-0}, {@code prefix-1}, ... */
    public static ThreadFactory namedThreadFactory(String prefix, boolean daemon) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> newThread(prefix + "-" + counter.getAndIncrement(), daemon, runnable);
    }

    /** A new, not yet started thread with a name and the logging uncaught-exception handler. */
    public static Thread newThread(String name, boolean daemon, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(daemon);
        thread.setUncaughtExceptionHandler(LOGGING_HANDLER);
        return thread;
    }

    /** A fixed pool of daemon threads. */
    public static ThreadPoolExecutor newDaemonFixedThreadPool(int threads, String prefix) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0L,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                namedThreadFactory(prefix, true));
    }

    /** A pool that creates daemon threads on demand and lets idle ones die after a minute. */
    public static ThreadPoolExecutor newDaemonCachedThreadPool(String prefix) {
        return new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60L,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                namedThreadFactory(prefix, true));
    }

    /** A pool of at most {@code maxThreads} daemon threads with an unbounded queue. */
    public static ThreadPoolExecutor newDaemonBoundedThreadPool(String prefix, int maxThreads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                maxThreads,
                maxThreads,
                60L,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                namedThreadFactory(prefix, true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A single daemon thread for delayed and periodic work. */
    public static ScheduledExecutorService newDaemonSingleThreadScheduledExecutor(String name) {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, runnable -> newThread(name, true, runnable));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Shuts the executor down and waits up to {@code timeout} for running work to end, then interrupts it.
     *
     * @return whether everything ended within the timeout
     */
    public static boolean shutdownAndAwait(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until {@code condition} holds or the deadline passes
     * ({@code deadlineNanos}, a {@link System#nanoTime()} value), waking when notified and at least every
     * {@code maxSleepMillis} (0: only when notified, or at the deadline) to look again, for conditions whose changes
     * are not always notified. Returns whether the condition holds. An interrupt ends the wait early, with the
     * thread's interrupt flag set again, and returns what the condition says then. The one way the engine waits for
     * a condition with a deadline.
     */
    public static boolean waitUntil(
            Object monitor, java.util.function.BooleanSupplier condition, long deadlineNanos, long maxSleepMillis) {
        while (!condition.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
            try {
                monitor.wait(maxSleepMillis > 0 ? Math.min(millis, maxSleepMillis) : millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** Joins a thread for at most {@code timeout}; returns whether it ended. */
    public static boolean join(Thread thread, Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
