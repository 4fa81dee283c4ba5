package dev.ember.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution memory of one task attempt. When a consumer asks for more than the executor grants, the other
 * consumers of the same task are asked to spill, largest first, before the caller is told to spill itself.
 * Confined to the task's thread, except {@link #cleanUpAllAllocatedMemory()} at task end.
 */
public final class TaskMemoryManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMemoryManager.class);

    private final UnifiedMemoryManager memoryManager;
    private final long taskAttemptId;
    private final Set<MemoryConsumer> consumers = new LinkedHashSet<>();
    private long peakExecutionMemory;
    private long currentExecutionMemory;

    public TaskMemoryManager(UnifiedMemoryManager memoryManager, long taskAttemptId) {
        this.memoryManager = memoryManager;
        this.taskAttemptId = taskAttemptId;
    }

    public long taskAttemptId() {
        return taskAttemptId;
    }

    public UnifiedMemoryManager memoryManager() {
        return memoryManager;
    }

    /** Grants up to {@code required} bytes to {@code consumer}, spilling its siblings first if needed. */
    synchronized long acquireExecutionMemory(long required, MemoryConsumer consumer) {
        MemoryMode mode = consumer.mode();
        long got = memoryManager.acquireExecutionMemory(required, taskAttemptId, mode);
        if (got < required) {
            List<MemoryConsumer> others = new ArrayList<>();
            for (MemoryConsumer other : consumers) {
                if (other != consumer && other.mode() == mode && other.used() > 0) {
                    others.add(other);
                }
            }
            others.sort(Comparator.comparingLong(MemoryConsumer::used).reversed());
            for (MemoryConsumer other : others) {
                if (got >= required) {
                    break;
                }
                long released = other.spill(required - got, consumer);
                if (released > 0) {
                    LOG.debug("Task {} released {} bytes from {} for {}", taskAttemptId, released, other, consumer);
                    got += memoryManager.acquireExecutionMemory(required - got, taskAttemptId, mode);
                }
            }
        }
        consumers.add(consumer);
        currentExecutionMemory += got;
        peakExecutionMemory = Math.max(peakExecutionMemory, currentExecutionMemory);
        return got;
    }

    synchronized void releaseExecutionMemory(long bytes, MemoryConsumer consumer) {
        memoryManager.releaseExecutionMemory(bytes, taskAttemptId, consumer.mode());
        currentExecutionMemory = Math.max(0, currentExecutionMemory - bytes);
    }

    /** Highest execution memory this task held at once. */
    public synchronized long peakExecutionMemory() {
        return peakExecutionMemory;
    }

    /** Releases everything the task still holds; returns the leaked bytes (non-zero is a bug worth a warning). */
    public synchronized long cleanUpAllAllocatedMemory() {
        consumers.clear();
        currentExecutionMemory = 0;
        memoryManager.releaseAllUnrollMemoryForTask(taskAttemptId);
        return memoryManager.releaseAllExecutionMemoryForTask(taskAttemptId);
    }
}
