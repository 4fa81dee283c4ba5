package dev.ember.memory;

/** Whether memory is on the Java heap or outside it. */
public enum MemoryMode {
    ON_HEAP,
    OFF_HEAP
}
