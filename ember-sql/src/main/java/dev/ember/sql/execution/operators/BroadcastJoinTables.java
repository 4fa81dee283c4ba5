package dev.ember.sql.execution.operators;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The build sides of broadcast joins, each built once per JVM and probed by the tasks of the join that run at the same
 * time, as Spark shares its broadcast hash relations: without this every task of the stream side would read and hash
 * the whole build side again. A build side is kept while a task of its join runs: the first task builds it, each
 * task lets it go when it ends, and the last one to end drops it, so nothing outlives the tasks that use it (a later
 * task of the same join, or a retry, builds it again).
 *
 * <p>Each task probes through its own {@link JoinCore#probedWith view}, with the expressions of its own copy of the
 * plan. Probing never writes to the build side of a join that can be broadcast: only a join whose build side keeps
 * its unmatched rows records matches, and such a join is never broadcast (each task would emit its own unmatched
 * rows). With one task slot per JVM (or none busy between two tasks), each task builds the side again.
 */
final class BroadcastJoinTables {
    /** By join: the number the driver gave the execution of a join. */
    private static final SharedWhileRunning<JoinCore> SHARED = new SharedWhileRunning<>();

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
            // Each task would emit the build rows unmatched in its own share of the stream: wrong rows, not slow ones.
            throw new IllegalStateException("A " + spec.joinType() + " join whose build side keeps its unmatched rows"
                    + " cannot be a broadcast join");
        }
        return SHARED.acquire(joinId, () -> build(spec, serialized, buildTypes), onTaskEnd)
                .probedWith(spec);
    }

    /** Joins whose build side is held now (tests). */
    static int held() {
        return SHARED.held();
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
}
