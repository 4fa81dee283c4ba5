package dev.ember.memory;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.storage.BlockId;
import dev.ember.util.ByteSizes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Splits memory into an execution region and a storage region that borrow from each other.
 *
 * <pre>
 *   heap ─┬─ reserved (ember.memory.reserved, 300m)
 *         ├─ user memory: (heap - reserved) * (1 - ember.memory.fraction)
 *         └─ unified:     (heap - reserved) * ember.memory.fraction
 *              ├─ storage region: unified * ember.memory.storageFraction   (cached blocks here are safe)
 *              └─ execution:      the rest
 * </pre>
 *
 * Execution may take free storage memory, and may evict cached blocks until storage is back down to its region;
 * storage may take free execution memory but never evicts execution. The off-heap region (when enabled) is
 * split the same way.
 *
 * <p>One lock (this object) guards all four pools.
 */
public final class UnifiedMemoryManager {
    private final long maxHeapMemory;
    private final long onHeapStorageRegion;
    private final long maxOffHeapMemory;
    private final long offHeapStorageRegion;

    private final StorageMemoryPool onHeapStorage = new StorageMemoryPool(this, MemoryMode.ON_HEAP);
    private final StorageMemoryPool offHeapStorage = new StorageMemoryPool(this, MemoryMode.OFF_HEAP);
    private final ExecutionMemoryPool onHeapExecution = new ExecutionMemoryPool(this);
    private final ExecutionMemoryPool offHeapExecution = new ExecutionMemoryPool(this);

    /** Unroll memory per task attempt, counted inside storage memory. */
    private final Map<Long, Long> onHeapUnroll = new HashMap<>();

    private final Map<Long, Long> offHeapUnroll = new HashMap<>();

    public UnifiedMemoryManager(
            long maxHeapMemory, long onHeapStorageRegion, long maxOffHeapMemory, long offHeapStorageRegion) {
        this.maxHeapMemory = maxHeapMemory;
        this.onHeapStorageRegion = onHeapStorageRegion;
        this.maxOffHeapMemory = maxOffHeapMemory;
        this.offHeapStorageRegion = offHeapStorageRegion;
        onHeapStorage.incrementPoolSize(onHeapStorageRegion);
        onHeapExecution.incrementPoolSize(maxHeapMemory - onHeapStorageRegion);
        offHeapStorage.incrementPoolSize(offHeapStorageRegion);
        offHeapExecution.incrementPoolSize(maxOffHeapMemory - offHeapStorageRegion);
    }

    /** The manager for this JVM's heap and the configured off-heap size. */
    public static UnifiedMemoryManager fromConf(EmberConf conf) {
        Optional<Long> testing = conf.getOptional(CoreConfig.TESTING_MEMORY);
        long systemMemory = testing.orElseGet(() -> Runtime.getRuntime().maxMemory());
        long reserved = testing.isPresent() ? 0 : conf.get(CoreConfig.RESERVED_MEMORY);
        long minimum = reserved * 3 / 2;
        if (systemMemory < minimum) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "The JVM has " + ByteSizes.format(systemMemory) + " of heap; Ember needs at least "
                            + ByteSizes.format(minimum) + ". Start the JVM with a larger -Xmx (or --driver-memory).");
        }
        double fraction = conf.get(CoreConfig.MEMORY_FRACTION);
        double storageFraction = conf.get(CoreConfig.MEMORY_STORAGE_FRACTION);
        long usable = (long) ((systemMemory - reserved) * fraction);
        long offHeap = conf.get(CoreConfig.OFF_HEAP_ENABLED) ? conf.get(CoreConfig.OFF_HEAP_SIZE) : 0;
        if (conf.get(CoreConfig.OFF_HEAP_ENABLED) && offHeap <= 0) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "ember.memory.offHeap.enabled is true but ember.memory.offHeap.size is 0: set a size such as 1g");
        }
        return new UnifiedMemoryManager(
                usable, (long) (usable * storageFraction), offHeap, (long) (offHeap * storageFraction));
    }

    /** Lets storage evict blocks; set once the memory store exists. */
    public void setBlockEvictor(BlockEvictor evictor) {
        onHeapStorage.setEvictor(evictor);
        offHeapStorage.setEvictor(evictor);
    }

    // ---- execution ----

    /**
     * Grants up to {@code bytes} of execution memory to a task, evicting cached blocks beyond the storage region
     * if needed. May grant less, or wait a bounded time for other tasks to release memory.
     */
    public long acquireExecutionMemory(long bytes, long taskAttemptId, MemoryMode mode) {
        synchronized (this) {
            ExecutionMemoryPool execution = executionPool(mode);
            StorageMemoryPool storage = storagePool(mode);
            long storageRegion = mode == MemoryMode.ON_HEAP ? onHeapStorageRegion : offHeapStorageRegion;
            long maxMemory = mode == MemoryMode.ON_HEAP ? maxHeapMemory : maxOffHeapMemory;
            return execution.acquireMemory(
                    bytes,
                    taskAttemptId,
                    shortfall -> {
                        if (shortfall <= 0) {
                            return;
                        }
                        long reclaimable = Math.max(storage.memoryFree(), storage.poolSize() - storageRegion);
                        if (reclaimable > 0) {
                            long reclaimed = storage.freeSpaceToShrinkPool(Math.min(shortfall, reclaimable));
                            reclaimed = Math.min(reclaimed, storage.poolSize() - storage.memoryUsed());
                            if (reclaimed > 0) {
                                storage.decrementPoolSize(reclaimed);
                                execution.incrementPoolSize(reclaimed);
                            }
                        }
                    },
                    () -> maxMemory - Math.min(storage.memoryUsed(), storageRegion));
        }
    }

    public void releaseExecutionMemory(long bytes, long taskAttemptId, MemoryMode mode) {
        synchronized (this) {
            executionPool(mode).releaseMemory(bytes, taskAttemptId);
        }
    }

    /** Releases all execution memory of a task; returns how much it still held (a leak if non-zero). */
    public long releaseAllExecutionMemoryForTask(long taskAttemptId) {
        synchronized (this) {
            return onHeapExecution.releaseAllMemoryForTask(taskAttemptId)
                    + offHeapExecution.releaseAllMemoryForTask(taskAttemptId);
        }
    }

    public long executionMemoryUsed() {
        synchronized (this) {
            return onHeapExecution.memoryUsed() + offHeapExecution.memoryUsed();
        }
    }

    // ---- storage ----

    /** Acquires storage memory for a block, borrowing free execution memory and evicting other blocks if needed. */
    public boolean acquireStorageMemory(BlockId blockId, long bytes, MemoryMode mode) {
        synchronized (this) {
            ExecutionMemoryPool execution = executionPool(mode);
            StorageMemoryPool storage = storagePool(mode);
            long maxMemory = maxStorageMemory(mode);
            if (bytes > maxMemory) {
                return false;
            }
            if (bytes > storage.memoryFree()) {
                long borrowed = Math.min(execution.memoryFree(), bytes - storage.memoryFree());
                if (borrowed > 0) {
                    execution.decrementPoolSize(borrowed);
                    storage.incrementPoolSize(borrowed);
                }
            }
            return storage.acquireMemory(Optional.of(blockId), bytes);
        }
    }

    public void releaseStorageMemory(long bytes, MemoryMode mode) {
        synchronized (this) {
            storagePool(mode).releaseMemory(bytes);
        }
    }

    /** The most storage memory a block could get now: all memory not used by execution. */
    public long maxStorageMemory(MemoryMode mode) {
        synchronized (this) {
            return mode == MemoryMode.ON_HEAP
                    ? maxHeapMemory - onHeapExecution.memoryUsed()
                    : maxOffHeapMemory - offHeapExecution.memoryUsed();
        }
    }

    public long storageMemoryUsed() {
        synchronized (this) {
            return onHeapStorage.memoryUsed() + offHeapStorage.memoryUsed();
        }
    }

    public long storageMemoryUsed(MemoryMode mode) {
        synchronized (this) {
            return storagePool(mode).memoryUsed();
        }
    }

    // ---- unroll (storage memory held while a block is being materialized) ----

    /** Reserves unroll memory for a task: storage memory it holds while caching a partition. */
    public boolean acquireUnrollMemory(BlockId blockId, long bytes, long taskAttemptId, MemoryMode mode) {
        synchronized (this) {
            boolean granted = acquireStorageMemory(blockId, bytes, mode);
            if (granted) {
                unroll(mode).merge(taskAttemptId, bytes, Long::sum);
            }
            return granted;
        }
    }

    public void releaseUnrollMemory(long bytes, long taskAttemptId, MemoryMode mode) {
        synchronized (this) {
            Map<Long, Long> unroll = unroll(mode);
            long held = unroll.getOrDefault(taskAttemptId, 0L);
            long released = Math.min(bytes, held);
            if (held - released == 0) {
                unroll.remove(taskAttemptId);
            } else {
                unroll.put(taskAttemptId, held - released);
            }
            storagePool(mode).releaseMemory(released);
        }
    }

    /** Releases all unroll memory of a task (at task end). */
    public void releaseAllUnrollMemoryForTask(long taskAttemptId) {
        synchronized (this) {
            for (MemoryMode mode : MemoryMode.values()) {
                Long held = unroll(mode).get(taskAttemptId);
                if (held != null) {
                    releaseUnrollMemory(held, taskAttemptId, mode);
                }
            }
        }
    }

    /**
     * Turns a task's unroll reservation into storage memory for the finished block of {@code size} bytes, in
     * one step under the lock so that nobody else takes the memory in between.
     */
    public boolean transferUnrollToStorage(
            BlockId blockId, long unrollBytes, long size, long taskAttemptId, MemoryMode mode) {
        synchronized (this) {
            releaseUnrollMemory(unrollBytes, taskAttemptId, mode);
            return acquireStorageMemory(blockId, size, mode);
        }
    }

    public long unrollMemoryUsed(MemoryMode mode) {
        synchronized (this) {
            long total = 0;
            for (long bytes : unroll(mode).values()) {
                total += bytes;
            }
            return total;
        }
    }

    public long maxOnHeapMemory() {
        return maxHeapMemory;
    }

    public long maxOffHeapMemory() {
        return maxOffHeapMemory;
    }

    private ExecutionMemoryPool executionPool(MemoryMode mode) {
        return mode == MemoryMode.ON_HEAP ? onHeapExecution : offHeapExecution;
    }

    private StorageMemoryPool storagePool(MemoryMode mode) {
        return mode == MemoryMode.ON_HEAP ? onHeapStorage : offHeapStorage;
    }

    private Map<Long, Long> unroll(MemoryMode mode) {
        return mode == MemoryMode.ON_HEAP ? onHeapUnroll : offHeapUnroll;
    }
}
