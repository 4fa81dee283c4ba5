package dev.ember.storage;

import dev.ember.StorageLevel;
import java.io.Serializable;

/** Where a block is kept and how large it is there. */
public record BlockStatus(StorageLevel level, long memorySize, long diskSize) implements Serializable {
    public static final BlockStatus EMPTY = new BlockStatus(StorageLevel.NONE, 0, 0);

    public boolean isCached() {
        return memorySize + diskSize > 0;
    }
}
