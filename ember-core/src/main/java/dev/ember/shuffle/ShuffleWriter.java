package dev.ember.shuffle;

import dev.ember.Pair;
import java.util.Iterator;
import java.util.Optional;

/** Writes one map task's records into the shuffle. Call {@link #write} once, then {@link #stop}. */
public interface ShuffleWriter<K, V> {
    void write(Iterator<? extends Pair<K, V>> records) throws java.io.IOException;

    /**
     * Finishes: on success commits the output and returns where it is; on failure removes everything written.
     */
    Optional<MapStatus> stop(boolean success);
}
