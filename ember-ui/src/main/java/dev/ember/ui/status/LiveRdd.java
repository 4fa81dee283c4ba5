package dev.ember.ui.status;

import dev.ember.StorageLevel;
import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A persisted RDD and where its partitions are cached. Guarded by the store's lock. */
final class LiveRdd {
    final int id;
    String name;
    int numPartitions;
    StorageLevel level;
    /** By partition, then by executor: the block's size in memory and on disk. */
    final Map<Integer, Map<String, long[]>> partitions = new TreeMap<>();

    LiveRdd(int id, String name, int numPartitions, StorageLevel level) {
        this.id = id;
        this.name = name;
        this.numPartitions = numPartitions;
        this.level = level;
    }

    long memoryUsed() {
        long total = 0;
        for (Map<String, long[]> copies : partitions.values()) {
            for (long[] size : copies.values()) {
                total += size[0];
            }
        }
        return total;
    }

    long diskUsed() {
        long total = 0;
        for (Map<String, long[]> copies : partitions.values()) {
            for (long[] size : copies.values()) {
                total += size[1];
            }
        }
        return total;
    }

    ApiTypes.RDDStorageInfo snapshot(boolean details, Map<String, LiveExecutor> executors) {
        List<ApiTypes.RDDDataDistribution> distribution = null;
        List<ApiTypes.RDDPartitionInfo> partitionInfos = null;
        String levelName = level.description();
        if (details) {
            Map<String, long[]> perExecutor = new TreeMap<>();
            partitionInfos = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, long[]>> partition : partitions.entrySet()) {
                long memory = 0;
                long disk = 0;
                for (Map.Entry<String, long[]> copy : partition.getValue().entrySet()) {
                    long[] sum = perExecutor.computeIfAbsent(copy.getKey(), k -> new long[2]);
                    sum[0] += copy.getValue()[0];
                    sum[1] += copy.getValue()[1];
                    memory += copy.getValue()[0];
                    disk += copy.getValue()[1];
                }
                partitionInfos.add(new ApiTypes.RDDPartitionInfo(
                        "rdd_" + id + "_" + partition.getKey(),
                        levelName,
                        memory,
                        disk,
                        List.copyOf(partition.getValue().keySet())));
            }
            distribution = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : perExecutor.entrySet()) {
                LiveExecutor executor = executors.get(entry.getKey());
                String address = executor == null ? entry.getKey() : executor.host + ":" + executor.port;
                long remaining = executor == null ? 0 : Math.max(0, executor.maxOnHeap - executor.memoryUsed);
                distribution.add(
                        new ApiTypes.RDDDataDistribution(address, entry.getValue()[0], remaining, entry.getValue()[1]));
            }
        }
        return new ApiTypes.RDDStorageInfo(
                id,
                name,
                numPartitions,
                partitions.size(),
                levelName,
                memoryUsed(),
                diskUsed(),
                distribution,
                partitionInfos);
    }
}
