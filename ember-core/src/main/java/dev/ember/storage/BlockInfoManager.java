package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.TaskContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reader-writer locks on blocks, held per task attempt. Many tasks may read a block; one may write it, and only
 * when nobody reads. A task's locks are all released when it ends ({@link #releaseAllLocksForTask}), so a task that
 * fails midway cannot leave a block locked. Code outside tasks (the driver) locks as {@link #NON_TASK_WRITER}.
 *
 * <p>All state is guarded by this object's monitor; waits are bounded and fail with
 * {@link ErrorClass#TIMEOUT}.
 */
public final class BlockInfoManager {
    /** The task id used by code that runs outside any task. */
    public static final long NON_TASK_WRITER = -1024;

    private static final long MAX_LOCK_WAIT_MILLIS = 10 * 60 * 1000;

    private final Map<BlockId, BlockInfo> infos = new HashMap<>();
    private final Map<Long, Set<BlockId>> writeLocksByTask = new HashMap<>();
    private final Map<Long, Map<BlockId, Integer>> readLocksByTask = new HashMap<>();

    static long currentTaskAttemptId() {
        TaskContext context = TaskContext.get();
        return context != null ? context.taskAttemptId() : NON_TASK_WRITER;
    }

    /** Locks an existing block for reading; empty if there is no such block (or, non-blocking, if it is being written). */
    public synchronized Optional<BlockInfo> lockForReading(BlockId blockId, boolean blocking) {
        long task = currentTaskAttemptId();
        long deadline = System.currentTimeMillis() + MAX_LOCK_WAIT_MILLIS;
        while (true) {
            BlockInfo info = infos.get(blockId);
            if (info == null) {
                return Optional.empty();
            }
            if (info.writerTask() == BlockInfo.NO_WRITER) {
                info.setReaderCount(info.readerCount() + 1);
                readLocksByTask
                        .computeIfAbsent(task, ignored -> new HashMap<>())
                        .merge(blockId, 1, Integer::sum);
                return Optional.of(info);
            }
            if (!blocking) {
                return Optional.empty();
            }
            waitUntil(deadline, blockId);
        }
    }

    /** Locks an existing block for writing; empty if there is no such block (or, non-blocking, if it is locked). */
    public synchronized Optional<BlockInfo> lockForWriting(BlockId blockId, boolean blocking) {
        long task = currentTaskAttemptId();
        long deadline = System.currentTimeMillis() + MAX_LOCK_WAIT_MILLIS;
        while (true) {
            BlockInfo info = infos.get(blockId);
            if (info == null) {
                return Optional.empty();
            }
            if (info.writerTask() == BlockInfo.NO_WRITER && info.readerCount() == 0) {
                info.setWriterTask(task);
                writeLocksByTask
                        .computeIfAbsent(task, ignored -> new HashSet<>())
                        .add(blockId);
                return Optional.of(info);
            }
            if (!blocking) {
                return Optional.empty();
            }
            waitUntil(deadline, blockId);
        }
    }

    /**
     * Registers a new block and write-locks it. If the block already exists (another task made it first), waits
     * for a read lock on it instead and returns false.
     */
    public synchronized boolean lockNewBlockForWriting(BlockId blockId, BlockInfo newInfo) {
        while (true) {
            if (lockForReading(blockId, true).isPresent()) {
                return false;
            }
            if (!infos.containsKey(blockId)) {
                infos.put(blockId, newInfo);
                long task = currentTaskAttemptId();
                newInfo.setWriterTask(task);
                writeLocksByTask
                        .computeIfAbsent(task, ignored -> new HashSet<>())
                        .add(blockId);
                return true;
            }
        }
    }

    /** Releases one lock the current task holds on the block. */
    public synchronized void unlock(BlockId blockId) {
        unlock(blockId, currentTaskAttemptId());
    }

    public synchronized void unlock(BlockId blockId, long task) {
        BlockInfo info = infos.get(blockId);
        if (info == null) {
            return;
        }
        if (info.writerTask() == task) {
            info.setWriterTask(BlockInfo.NO_WRITER);
            Set<BlockId> writes = writeLocksByTask.get(task);
            if (writes != null) {
                writes.remove(blockId);
            }
        } else {
            Map<BlockId, Integer> reads = readLocksByTask.get(task);
            Integer count = reads == null ? null : reads.get(blockId);
            if (count == null) {
                throw new IllegalStateException(
                        "Task " + task + " releases a lock on " + blockId + " it does not hold");
            }
            if (count == 1) {
                reads.remove(blockId);
            } else {
                reads.put(blockId, count - 1);
            }
            info.setReaderCount(info.readerCount() - 1);
        }
        notifyAll();
    }

    /** Turns the current task's write lock into a read lock, atomically. */
    public synchronized void downgradeLock(BlockId blockId) {
        long task = currentTaskAttemptId();
        BlockInfo info = infos.get(blockId);
        if (info == null || info.writerTask() != task) {
            throw new IllegalStateException(
                    "Task " + task + " downgrades a write lock on " + blockId + " it does not hold");
        }
        unlock(blockId, task);
        info.setReaderCount(info.readerCount() + 1);
        readLocksByTask.computeIfAbsent(task, ignored -> new HashMap<>()).merge(blockId, 1, Integer::sum);
    }

    /** Forgets a block; the caller must hold its write lock. */
    public synchronized void removeBlock(BlockId blockId) {
        long task = currentTaskAttemptId();
        BlockInfo info = infos.get(blockId);
        if (info == null) {
            return;
        }
        if (info.writerTask() != task) {
            throw new IllegalStateException("Task " + task + " removes " + blockId + " without its write lock");
        }
        infos.remove(blockId);
        Set<BlockId> writes = writeLocksByTask.get(task);
        if (writes != null) {
            writes.remove(blockId);
        }
        notifyAll();
    }

    /** Releases every lock {@code task} holds; returns the blocks that were locked. */
    public synchronized List<BlockId> releaseAllLocksForTask(long task) {
        List<BlockId> released = new ArrayList<>();
        Set<BlockId> writes = writeLocksByTask.remove(task);
        if (writes != null) {
            for (BlockId blockId : writes) {
                BlockInfo info = infos.get(blockId);
                if (info != null && info.writerTask() == task) {
                    info.setWriterTask(BlockInfo.NO_WRITER);
                    released.add(blockId);
                }
            }
        }
        Map<BlockId, Integer> reads = readLocksByTask.remove(task);
        if (reads != null) {
            for (Map.Entry<BlockId, Integer> entry : reads.entrySet()) {
                BlockInfo info = infos.get(entry.getKey());
                if (info != null) {
                    info.setReaderCount(info.readerCount() - entry.getValue());
                    released.add(entry.getKey());
                }
            }
        }
        notifyAll();
        return released;
    }

    public synchronized Optional<BlockInfo> get(BlockId blockId) {
        return Optional.ofNullable(infos.get(blockId));
    }

    public synchronized List<BlockId> blockIds() {
        return new ArrayList<>(infos.keySet());
    }

    public synchronized int size() {
        return infos.size();
    }

    /** Locks held by tasks, for leak checks in tests. */
    public synchronized int lockCount() {
        int count = 0;
        for (Set<BlockId> writes : writeLocksByTask.values()) {
            count += writes.size();
        }
        for (Map<BlockId, Integer> reads : readLocksByTask.values()) {
            for (int value : reads.values()) {
                count += value;
            }
        }
        return count;
    }

    public synchronized void clear() {
        infos.clear();
        writeLocksByTask.clear();
        readLocksByTask.clear();
        notifyAll();
    }

    private void waitUntil(long deadline, BlockId blockId) {
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0) {
            throw new EmberException(
                    ErrorClass.TIMEOUT,
                    "Timed out after " + MAX_LOCK_WAIT_MILLIS / 1000 + " s waiting for a lock on " + blockId);
        }
        try {
            wait(Math.min(remaining, 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted while waiting for a lock on " + blockId, e);
        }
    }
}
