package dev.ember.memory;

import static java.util.Objects.requireNonNull;

/**
 * Something in a task that holds execution memory and can give it back by spilling to disk: a shuffle sorter, an
 * aggregation map. Used from the task's thread only.
 */
public abstract class MemoryConsumer {
    protected final TaskMemoryManager taskMemoryManager;
    private final MemoryMode mode;
    private long used;

    protected MemoryConsumer(TaskMemoryManager taskMemoryManager, MemoryMode mode) {
        this.taskMemoryManager = requireNonNull(taskMemoryManager, "taskMemoryManager is null");
        this.mode = requireNonNull(mode, "mode is null");
    }

    public final MemoryMode mode() {
        return mode;
    }

    /** Execution memory this consumer holds. */
    public final long used() {
        return used;
    }

    /** Asks for {@code bytes} more; may get fewer. */
    protected final long acquireMemory(long bytes) {
        long granted = taskMemoryManager.acquireExecutionMemory(bytes, this);
        used += granted;
        return granted;
    }

    /** Gives back {@code bytes}. */
    protected final void freeMemory(long bytes) {
        long freed = Math.min(bytes, used);
        taskMemoryManager.releaseExecutionMemory(freed, this);
        used -= freed;
    }

    /**
     * Spills data to disk to free at least {@code size} bytes, if it can at this moment. Called by the task memory
     * manager, on the task's thread, when another consumer of the same task ({@code trigger}) needs memory.
     *
     * @return bytes freed (already given back through {@link #freeMemory})
     */
    public abstract long spill(long size, MemoryConsumer trigger);
}
