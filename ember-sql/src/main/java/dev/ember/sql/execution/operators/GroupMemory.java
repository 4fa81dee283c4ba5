package dev.ember.sql.execution.operators;

import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;

/**
 * The execution memory of an aggregation's groups, estimated per group: reserved as the groups grow, given back when
 * they are emitted. The groups cannot be spilled on another consumer's request (the aggregation emits or spills at its
 * own pace), so asked to spill it frees nothing. Used from the task's thread only.
 */
final class GroupMemory extends MemoryConsumer {
    /** Estimated bytes of one group: the map entry, its key and its buffers. */
    private static final long BYTES_PER_GROUP = 256;

    private final TaskContextImpl task;

    private GroupMemory(TaskContextImpl task) {
        super(task.taskMemoryManager(), MemoryMode.ON_HEAP);
        this.task = task;
        task.addTaskCompletionListener(context -> freeMemory(used()));
    }

    /** The memory of the running task's groups; none outside a task (planning-time evaluation). */
    static GroupMemory forCurrentTask() {
        TaskContext task = TaskContext.get();
        return task instanceof TaskContextImpl impl ? new GroupMemory(impl) : null;
    }

    /** Makes room for {@code groups} groups; false when refused (the caller then emits its groups). */
    boolean reserve(int groups) {
        return reserve(groups, 0);
    }

    /**
     * Makes room for {@code groups} groups and {@code extraBytes} more (the values DISTINCT aggregates have seen);
     * false when refused.
     */
    boolean reserve(int groups, long extraBytes) {
        long needed = groups * BYTES_PER_GROUP + extraBytes - used();
        if (needed <= 0) {
            return true;
        }
        long wanted = Math.max(needed, used());
        long granted = acquireMemory(wanted);
        return granted >= needed;
    }

    TaskContextImpl task() {
        return task;
    }

    void release() {
        freeMemory(used());
    }

    @Override
    public long spill(long size, MemoryConsumer trigger) {
        return 0;
    }
}
