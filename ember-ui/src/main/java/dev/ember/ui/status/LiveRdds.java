package dev.ember.ui.status;

import dev.ember.StorageLevel;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.storage.BlockId;
import java.util.Map;
import java.util.TreeMap;

/** The persisted RDDs of an application, by id, with where their partitions are cached. Guarded by the store's lock. */
final class LiveRdds {
    final TreeMap<Integer, LiveRdd> byId = new TreeMap<>();

    /** A block was stored, moved or dropped: only cached RDD partitions count here. */
    void blockUpdated(EmberListenerEvent.BlockUpdated event) {
        if (!(event.blockId() instanceof BlockId.RddBlockId block)) {
            return;
        }
        String executorId = event.blockManagerId().executorId();
        boolean cached = event.status().memorySize() > 0 || event.status().diskSize() > 0;
        LiveRdd rdd = byId.get(block.rddId());
        if (rdd == null) {
            if (!cached) {
                return;
            }
            rdd = new LiveRdd(
                    block.rddId(), "RDD " + block.rddId(), 0, event.status().level());
            byId.put(block.rddId(), rdd);
        }
        Map<String, long[]> copies = rdd.partitions.get(block.splitIndex());
        if (cached) {
            if (copies == null) {
                copies = new TreeMap<>();
                rdd.partitions.put(block.splitIndex(), copies);
            }
            copies.put(
                    executorId,
                    new long[] {event.status().memorySize(), event.status().diskSize()});
        } else if (copies != null) {
            copies.remove(executorId);
            if (copies.isEmpty()) {
                rdd.partitions.remove(block.splitIndex());
            }
        }
    }

    /** Drops what an executor that left had cached. */
    void executorRemoved(String executorId) {
        for (LiveRdd rdd : byId.values()) {
            rdd.partitions.values().removeIf(copies -> {
                copies.remove(executorId);
                return copies.isEmpty();
            });
        }
    }

    /** The persisted RDDs a stage computes: their names, sizes and levels. */
    void noted(StageInfo info) {
        for (RddInfo rdd : info.rddInfos()) {
            StorageLevel level = rdd.storageLevel();
            if (level != null && (level.useMemory() || level.useDisk())) {
                String name = rdd.name() != null ? rdd.name() : rdd.scope() + " " + rdd.id();
                LiveRdd known = byId.get(rdd.id());
                if (known == null) {
                    byId.put(rdd.id(), new LiveRdd(rdd.id(), name, rdd.numPartitions(), level));
                } else {
                    known.name = name;
                    known.numPartitions = rdd.numPartitions();
                    known.level = level;
                }
            }
        }
    }
}
