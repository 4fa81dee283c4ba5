package dev.ember.shuffle;

import dev.ember.Pair;
import java.util.Iterator;

/** Reads one reduce task's records from a shuffle, aggregated and sorted as its dependency asks. */
public interface ShuffleReader<K, C> {
    Iterator<Pair<K, C>> read();
}
