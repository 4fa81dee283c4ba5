/**
 * Memory accounting for an executor: a {@link dev.ember.memory.UnifiedMemoryManager} splits the usable heap (and
 * optionally an off-heap region) into execution memory (shuffle buffers, aggregation maps, sorts) and storage
 * memory (cached blocks, broadcasts, unrolling), which borrow from each other. A
 * {@link dev.ember.memory.TaskMemoryManager} tracks what each task's {@link dev.ember.memory.MemoryConsumer}s
 * hold. Memory here is accounted, not allocated: consumers estimate what they use and ask before growing.
 *
 * <p>Depends on the configuration and on storage's block ids (for eviction); never on the scheduler.
 */
package dev.ember.memory;
