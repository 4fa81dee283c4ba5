package dev.ember.events;

import dev.ember.StorageLevel;
import java.io.Serializable;
import java.util.List;

/** An RDD as shown per stage: its id, name, partitions, storage level, parents and where it was created. */
public record RddInfo(
        int id,
        String name,
        int numPartitions,
        StorageLevel storageLevel,
        List<Integer> parentIds,
        String callSite,
        String scope)
        implements Serializable {}
