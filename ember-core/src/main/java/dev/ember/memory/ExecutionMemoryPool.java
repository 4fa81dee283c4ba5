package dev.ember.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Memory for task execution, shared fairly among active tasks: with N tasks running, each may hold up to 1/N of
 * the pool and is guaranteed 1/(2N) before it must spill. A task below its guarantee waits (bounded) for others to
 * release memory.
 */
final class ExecutionMemoryPool extends MemoryPool {
    /** How long a task waits for its fair share before taking what is free and spilling instead. */
    private static final long MAX_WAIT_MILLIS = 2_000;

    private final Map<Long, Long> memoryByTask = new HashMap<>();

    ExecutionMemoryPool(Object lock) {
        super(lock);
    }

    @Override
    long memoryUsed() {
        synchronized (lock) {
            long total = 0;
            for (long bytes : memoryByTask.values()) {
                total += bytes;
            }
            return total;
        }
    }

    long memoryUsedByTask(long taskAttemptId) {
        synchronized (lock) {
            return memoryByTask.getOrDefault(taskAttemptId, 0L);
        }
    }

    /**
     * Grants up to {@code bytes} to the task.
     *
     * @param maybeGrowPool asked to grow the pool by the given shortfall (by taking memory from storage)
     * @param maxPoolSize the largest this pool could become, for the fair share
     * @return bytes granted, possibly fewer than asked
     */
    long acquireMemory(long bytes, long taskAttemptId, LongConsumer maybeGrowPool, LongSupplier maxPoolSize) {
        if (bytes <= 0) {
            return 0;
        }
        synchronized (lock) {
            if (!memoryByTask.containsKey(taskAttemptId)) {
                memoryByTask.put(taskAttemptId, 0L);
                // A new task lowers everyone's share: waiting tasks re-check.
                lock.notifyAll();
            }
            long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
            while (true) {
                int activeTasks = memoryByTask.size();
                long current = memoryByTask.get(taskAttemptId);
                maybeGrowPool.accept(bytes - memoryFree());
                long maxPerTask = maxPoolSize.getAsLong() / activeTasks;
                long minPerTask = poolSize() / (2L * activeTasks);
                long maxToGrant = Math.max(0, Math.min(bytes, maxPerTask - current));
                long toGrant = Math.min(maxToGrant, memoryFree());
                long remainingWait = deadline - System.nanoTime();
                if (toGrant < bytes && current + toGrant < minPerTask && remainingWait > 0) {
                    try {
                        long millis = Math.max(1, remainingWait / 1_000_000);
                        lock.wait(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return 0;
                    }
                    continue;
                }
                memoryByTask.put(taskAttemptId, current + toGrant);
                return toGrant;
            }
        }
    }

    void releaseMemory(long bytes, long taskAttemptId) {
        synchronized (lock) {
            long current = memoryByTask.getOrDefault(taskAttemptId, 0L);
            long released = Math.min(bytes, current);
            if (current - released == 0) {
                memoryByTask.remove(taskAttemptId);
            } else {
                memoryByTask.put(taskAttemptId, current - released);
            }
            lock.notifyAll();
        }
    }

    /** Releases everything the task holds; returns how much that was. */
    long releaseAllMemoryForTask(long taskAttemptId) {
        synchronized (lock) {
            long held = memoryByTask.getOrDefault(taskAttemptId, 0L);
            releaseMemory(held, taskAttemptId);
            memoryByTask.remove(taskAttemptId);
            return held;
        }
    }
}
