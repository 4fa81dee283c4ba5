package dev.ember.function;

import java.io.Serializable;

/** Runs for each partition, on the executors: {@code ds.foreachPartition(...)}. */
@FunctionalInterface
public interface ForeachPartitionFunction<T> extends Serializable {
    void call(java.util.Iterator<T> values) throws Exception;
}
