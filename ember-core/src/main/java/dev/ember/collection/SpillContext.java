package dev.ember.collection;

import dev.ember.EmberConf;
import dev.ember.config.CoreConfig;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.SerializerManager;

/**
 * What a spillable collection needs from the task it runs in: memory accounting, where to write spill files,
 * how to serialize and compress them, and where to report spill metrics.
 */
public record SpillContext(
        TaskMemoryManager taskMemoryManager,
        SerializerManager serializerManager,
        DiskBlockManager diskBlockManager,
        TaskMetrics metrics,
        int fileBufferSize,
        int batchSize,
        long initialMemoryThreshold,
        long forceSpillElements) {

    /** Settings read from {@code conf}. */
    public static SpillContext of(
            EmberConf conf,
            TaskMemoryManager taskMemoryManager,
            SerializerManager serializerManager,
            DiskBlockManager diskBlockManager,
            TaskMetrics metrics) {
        return new SpillContext(
                taskMemoryManager,
                serializerManager,
                diskBlockManager,
                metrics,
                conf.get(CoreConfig.SHUFFLE_FILE_BUFFER).intValue(),
                conf.get(CoreConfig.SPILL_BATCH_SIZE),
                conf.get(CoreConfig.SPILL_INITIAL_MEMORY),
                conf.get(CoreConfig.SPILL_FORCE_ELEMENTS));
    }
}
