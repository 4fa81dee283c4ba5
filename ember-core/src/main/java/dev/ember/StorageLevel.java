package dev.ember;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where and how cached partitions are kept: in memory and/or on disk, as Java objects (deserialized) or as
 * serialized bytes, on the heap or off it, and on how many executors.
 */
public final class StorageLevel implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final StorageLevel NONE = new StorageLevel(false, false, false, false, 1);
    public static final StorageLevel DISK_ONLY = new StorageLevel(true, false, false, false, 1);
    public static final StorageLevel DISK_ONLY_2 = new StorageLevel(true, false, false, false, 2);
    public static final StorageLevel DISK_ONLY_3 = new StorageLevel(true, false, false, false, 3);
    public static final StorageLevel MEMORY_ONLY = new StorageLevel(false, true, false, true, 1);
    public static final StorageLevel MEMORY_ONLY_2 = new StorageLevel(false, true, false, true, 2);
    public static final StorageLevel MEMORY_ONLY_SER = new StorageLevel(false, true, false, false, 1);
    public static final StorageLevel MEMORY_ONLY_SER_2 = new StorageLevel(false, true, false, false, 2);
    public static final StorageLevel MEMORY_AND_DISK = new StorageLevel(true, true, false, true, 1);
    public static final StorageLevel MEMORY_AND_DISK_2 = new StorageLevel(true, true, false, true, 2);
    public static final StorageLevel MEMORY_AND_DISK_SER = new StorageLevel(true, true, false, false, 1);
    public static final StorageLevel MEMORY_AND_DISK_SER_2 = new StorageLevel(true, true, false, false, 2);
    public static final StorageLevel OFF_HEAP = new StorageLevel(true, true, true, false, 1);

    private final boolean useDisk;
    private final boolean useMemory;
    private final boolean useOffHeap;
    private final boolean deserialized;
    private final int replication;

    private StorageLevel(
            boolean useDisk, boolean useMemory, boolean useOffHeap, boolean deserialized, int replication) {
        if (useOffHeap && deserialized) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Off-heap storage levels must be serialized: objects live on the heap");
        }
        if (replication < 1 || replication > 40) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Replication must be between 1 and 40, not " + replication);
        }
        this.useDisk = useDisk;
        this.useMemory = useMemory;
        this.useOffHeap = useOffHeap;
        this.deserialized = deserialized;
        this.replication = replication;
    }

    /** A custom level. */
    public static StorageLevel of(
            boolean useDisk, boolean useMemory, boolean useOffHeap, boolean deserialized, int replication) {
        StorageLevel level = new StorageLevel(useDisk, useMemory, useOffHeap, deserialized, replication);
        return level.canonical();
    }

    /** The level named like the constants: {@code MEMORY_AND_DISK_SER}, case-insensitive. */
    public static StorageLevel fromString(String name) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "NONE" -> NONE;
            case "DISK_ONLY" -> DISK_ONLY;
            case "DISK_ONLY_2" -> DISK_ONLY_2;
            case "DISK_ONLY_3" -> DISK_ONLY_3;
            case "MEMORY_ONLY" -> MEMORY_ONLY;
            case "MEMORY_ONLY_2" -> MEMORY_ONLY_2;
            case "MEMORY_ONLY_SER" -> MEMORY_ONLY_SER;
            case "MEMORY_ONLY_SER_2" -> MEMORY_ONLY_SER_2;
            case "MEMORY_AND_DISK" -> MEMORY_AND_DISK;
            case "MEMORY_AND_DISK_2" -> MEMORY_AND_DISK_2;
            case "MEMORY_AND_DISK_SER" -> MEMORY_AND_DISK_SER;
            case "MEMORY_AND_DISK_SER_2" -> MEMORY_AND_DISK_SER_2;
            case "OFF_HEAP" -> OFF_HEAP;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Unknown storage level '" + name + "': expected NONE, DISK_ONLY, MEMORY_ONLY, MEMORY_ONLY_SER,"
                                + " MEMORY_AND_DISK, MEMORY_AND_DISK_SER, OFF_HEAP or one of them with _2");
        };
    }

    public boolean useDisk() {
        return useDisk;
    }

    public boolean useMemory() {
        return useMemory;
    }

    public boolean useOffHeap() {
        return useOffHeap;
    }

    public boolean deserialized() {
        return deserialized;
    }

    public int replication() {
        return replication;
    }

    /** Whether this level keeps the data anywhere. */
    public boolean isValid() {
        return (useMemory || useDisk) && replication > 0;
    }

    private StorageLevel canonical() {
        for (StorageLevel known : new StorageLevel[] {
            NONE,
            DISK_ONLY,
            DISK_ONLY_2,
            DISK_ONLY_3,
            MEMORY_ONLY,
            MEMORY_ONLY_2,
            MEMORY_ONLY_SER,
            MEMORY_ONLY_SER_2,
            MEMORY_AND_DISK,
            MEMORY_AND_DISK_2,
            MEMORY_AND_DISK_SER,
            MEMORY_AND_DISK_SER_2,
            OFF_HEAP
        }) {
            if (known.equals(this)) {
                return known;
            }
        }
        return this;
    }

    private Object readResolve() {
        return canonical();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StorageLevel level
                && level.useDisk == useDisk
                && level.useMemory == useMemory
                && level.useOffHeap == useOffHeap
                && level.deserialized == deserialized
                && level.replication == replication;
    }

    @Override
    public int hashCode() {
        return (useDisk ? 1 : 0)
                | (useMemory ? 2 : 0)
                | (useOffHeap ? 4 : 0)
                | (deserialized ? 8 : 0)
                | (replication << 4);
    }

    /** A short description: {@code Memory Deserialized 1x Replicated}. */
    public String description() {
        StringBuilder text = new StringBuilder();
        if (useDisk) {
            text.append("Disk ");
        }
        if (useMemory) {
            text.append(useOffHeap ? "Memory (off heap) " : "Memory ");
        }
        text.append(deserialized ? "Deserialized " : "Serialized ");
        text.append(replication).append("x Replicated");
        return text.toString();
    }

    @Override
    public String toString() {
        return "StorageLevel(disk=" + useDisk + ", memory=" + useMemory + ", offHeap=" + useOffHeap + ", deserialized="
                + deserialized + ", replication=" + replication + ")";
    }
}
