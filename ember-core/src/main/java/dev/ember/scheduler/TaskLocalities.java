package dev.ember.scheduler;

import dev.ember.Dependency;
import dev.ember.NarrowDependency;
import dev.ember.RDD;
import dev.ember.StorageLevel;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockManagerMaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DAG scheduler's knowledge of where tasks should run: which executors cache which RDD partitions (asked of
 * the block manager master once per RDD and kept until cleared), and the preferred locations that follow from
 * it. Used only from the scheduler's event loop thread, so it needs no locking.
 */
final class TaskLocalities {
    private final BlockManagerMaster blockManagerMaster;
    private final Map<Integer, List<List<TaskLocation>>> cacheLocations = new HashMap<>();

    TaskLocalities(BlockManagerMaster blockManagerMaster) {
        this.blockManagerMaster = blockManagerMaster;
    }

    /** Where each partition of {@code rdd} is cached, remembered until {@link #clear()}. */
    List<List<TaskLocation>> cacheLocations(RDD<?> rdd) {
        return cacheLocations.computeIfAbsent(rdd.id(), ignored -> {
            int partitions = rdd.getNumPartitions();
            List<List<TaskLocation>> locations = new ArrayList<>(partitions);
            if (rdd.getStorageLevel() == StorageLevel.NONE) {
                for (int i = 0; i < partitions; i++) {
                    locations.add(List.of());
                }
                return locations;
            }
            List<BlockId> blockIds = new ArrayList<>(partitions);
            for (int i = 0; i < partitions; i++) {
                blockIds.add(new BlockId.RddBlockId(rdd.id(), i));
            }
            for (List<BlockManagerId> holders : blockManagerMaster.getLocations(blockIds)) {
                locations.add(holders.stream()
                        .map(id -> (TaskLocation) new TaskLocation.ExecutorCache(id.host(), id.executorId()))
                        .toList());
            }
            return locations;
        });
    }

    /** Forgets what is cached where: called when blocks may have moved (a job starts, an executor is lost). */
    void clear() {
        cacheLocations.clear();
    }

    /**
     * Where partition {@code partition} of {@code rdd} would best be computed: cached copies, then the RDD's own
     * preferences, then those of its narrow parents.
     */
    List<TaskLocation> preferredLocations(RDD<?> rdd, int partition) {
        return preferredLocations(rdd, partition, new HashSet<>());
    }

    private List<TaskLocation> preferredLocations(RDD<?> rdd, int partition, Set<Long> visited) {
        if (!visited.add(((long) rdd.id() << 32) | partition)) {
            return List.of();
        }
        List<TaskLocation> cached = cacheLocations(rdd).get(partition);
        if (!cached.isEmpty()) {
            return cached;
        }
        List<String> hosts = rdd.preferredLocations(rdd.partitions().get(partition));
        if (!hosts.isEmpty()) {
            return hosts.stream()
                    .map(host -> (TaskLocation) new TaskLocation.Host(host))
                    .toList();
        }
        for (Dependency<?> dependency : rdd.dependencies()) {
            if (dependency instanceof NarrowDependency<?> narrow) {
                for (int parent : narrow.getParents(partition)) {
                    List<TaskLocation> locations = preferredLocations(narrow.rdd(), parent, visited);
                    if (!locations.isEmpty()) {
                        return locations;
                    }
                }
            }
        }
        return List.of();
    }
}
