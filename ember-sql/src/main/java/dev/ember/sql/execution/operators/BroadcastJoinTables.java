package dev.ember.sql.execution.operators;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The join tables of broadcast build sides, built once per JVM and shared by the tasks that probe them, as Spark
 * shares its broadcast hash relations: without this each task of the stream side would read and hash the whole build
 * side again. A table is kept as long as the broadcast's value it was built from is held (by the broadcast on the
 * driver, by the block manager on an executor); once that value is dropped, the table goes with it.
 *
 * <p>Only a join that never writes to its table while probing is shared: one that keeps no record of which build rows
 * matched (those are emitted at the end of an outer join whose build side is preserved).
 */
final class BroadcastJoinTables {
    /** By the broadcast's value itself (its list of serialized batches, one instance per JVM). */
    private static final Map<List<byte[]>, Built> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

    private BroadcastJoinTables() {}

    /**
     * The join of {@code spec} over the build side serialized in {@code serialized}, shared when it can be with the
     * other tasks of the join {@code joinId} (a number the driver gives each execution of a join).
     */
    static JoinCore table(JoinCore.Spec spec, long joinId, List<byte[]> serialized, List<DataType> buildTypes) {
        if (JoinCore.tracksBuild(spec)) {
            return build(spec, serialized, buildTypes);
        }
        Built built = TABLES.computeIfAbsent(serialized, key -> new Built());
        return built.get(joinId, () -> build(spec, serialized, buildTypes));
    }

    private static JoinCore build(JoinCore.Spec spec, List<byte[]> serialized, List<DataType> buildTypes) {
        // Read whole first, so that the table and columns are made at their size rather than grown.
        List<ColumnBatch> batches = new ArrayList<>(serialized.size());
        BroadcastBatches.read(serialized, buildTypes).forEachRemaining(batches::add);
        return JoinCore.ofHeld(spec, batches);
    }

    /**
     * The tables built from one value, by join: two joins may read one broadcast with different keys. The first task
     * to ask builds; the others wait for it (the build is computation on data at hand; it waits on nothing itself).
     */
    private static final class Built {
        private final Map<Long, JoinCore> byJoin = new HashMap<>();

        synchronized JoinCore get(long joinId, Supplier<JoinCore> build) {
            return byJoin.computeIfAbsent(joinId, id -> build.get());
        }
    }
}
