package dev.ember.sql.execution.operators;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The build sides of broadcast joins, each built once per JVM and probed by the tasks of the join that run at the same
 * time, as Spark shares its broadcast hash relations: without this every task of the stream side would read and hash
 * the whole build side again. A build side is kept while a task of its join runs: the first task builds it, each
 * task lets it go when it ends, and the last one to end drops it, so nothing outlives the tasks that use it (a later
 * task of the same join, or a retry, builds it again).
 *
 * <p>Each task probes through its own {@link JoinCore#probedWith view}, with the expressions of its own copy of the
 * plan. Only a join that never writes to its build side while probing is shared: one that does not record which
 * build rows matched (those are emitted at the end of an outer join whose build side is preserved).
 */
final class BroadcastJoinTables {
    /** By join: the number the driver gave the execution of a join. */
    private static final Map<Long, Shared> SHARED = new HashMap<>();

    private BroadcastJoinTables() {}

    /**
     * The join of {@code spec} over the build side serialized in {@code serialized}, shared with the other running
     * tasks of the join {@code joinId}. The caller hands {@code onTaskEnd} what must run when its task ends.
     */
    static JoinCore table(
            JoinCore.Spec spec,
            long joinId,
            List<byte[]> serialized,
            List<DataType> buildTypes,
            Consumer<Runnable> onTaskEnd) {
        if (JoinCore.tracksBuild(spec)) {
            return build(spec, serialized, buildTypes);
        }
        Shared shared;
        synchronized (SHARED) {
            shared = SHARED.computeIfAbsent(joinId, id -> new Shared());
            shared.users++;
        }
        onTaskEnd.accept(() -> release(joinId, shared));
        return shared.built(() -> build(spec, serialized, buildTypes)).probedWith(spec);
    }

    /** Joins whose build side is held now (tests). */
    static int held() {
        synchronized (SHARED) {
            return SHARED.size();
        }
    }

    private static void release(long joinId, Shared shared) {
        synchronized (SHARED) {
            if (--shared.users == 0) {
                SHARED.remove(joinId, shared);
            }
        }
    }

    /** Streams the batches into the join, made at the size the batches' headers give. */
    private static JoinCore build(JoinCore.Spec spec, List<byte[]> serialized, List<DataType> buildTypes) {
        long rows = 0;
        try {
            for (byte[] batch : serialized) {
                rows += BatchSerializer.rowsIn(batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A broadcast build side cannot be read", e);
        }
        return new JoinCore(spec, BroadcastBatches.read(serialized, buildTypes), JoinCore.expectedRows(rows));
    }

    /** One join's build side and the tasks using it. The first task to ask builds; the others wait for it. */
    private static final class Shared {
        /** Guarded by {@link #SHARED}. */
        private int users;

        private JoinCore core;

        synchronized JoinCore built(java.util.function.Supplier<JoinCore> build) {
            if (core == null) {
                core = build.get();
            }
            return core;
        }
    }
}
