package dev.ember.sql.execution.operators;

import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.KeyHashing;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.util.CompletionIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The shuffled hash join of one task, under the task's execution memory. The build side is held as long as memory is
 * granted for it, and then joined in memory ({@link JoinCore}). When memory is refused, the join becomes a
 * partitioned ("grace") hash join: the build rows held so far and the rest of the build side, then the whole stream
 * side, are written by a hash of their keys into {@link SpillPartitions#PARTS} parts on local disk, and each part of
 * the build side is joined with the same part of the stream side, one part after the other, each again under memory
 * (a part refused memory is split again, up to {@link SpillPartitions#MAX_LEVEL} times). Rows with equal keys land in
 * the same part, so every join type gives the same rows as in memory; rows with a null key match nothing and are
 * still emitted by the outer joins from whichever part holds them.
 *
 * <p>Joins without keys are not spilled. A spill is decided by the join itself, not on another consumer's request.
 */
final class SpillingHashJoin extends MemoryConsumer {
    /** Estimated bytes of a build row beyond its columns: its key, its table entry and its address. */
    private static final long ROW_OVERHEAD = 96;

    private final JoinCore.Spec spec;
    private final TaskContextImpl task;
    private final int level;
    private final long rowBytes;

    private SpillingHashJoin(JoinCore.Spec spec, TaskContextImpl task, int level) {
        super(task.taskMemoryManager(), MemoryMode.ON_HEAP);
        this.spec = spec;
        this.task = task;
        this.level = level;
        long bytes = ROW_OVERHEAD;
        for (DataType type : buildTypes(spec)) {
            bytes += type.defaultSize();
        }
        this.rowBytes = bytes;
        task.addTaskCompletionListener(context -> freeMemory(used()));
    }

    /** The join of {@code stream} with {@code build}, spilling when the task's memory does not hold the build side. */
    static Iterator<ColumnBatch> run(JoinCore.Spec spec, Iterator<ColumnBatch> build, Iterator<ColumnBatch> stream) {
        if (spec.buildKeys().isEmpty() || !(TaskContext.get() instanceof TaskContextImpl task)) {
            return new JoinCore(spec, build).run(stream);
        }
        return new SpillingHashJoin(spec, task, 0).join(build, stream);
    }

    private static List<DataType> buildTypes(JoinCore.Spec spec) {
        return spec.buildLeft() ? spec.leftTypes() : spec.rightTypes();
    }

    private static List<DataType> streamTypes(JoinCore.Spec spec) {
        return spec.buildLeft() ? spec.rightTypes() : spec.leftTypes();
    }

    private Iterator<ColumnBatch> join(Iterator<ColumnBatch> build, Iterator<ColumnBatch> stream) {
        List<ColumnBatch> held = new ArrayList<>();
        while (build.hasNext()) {
            ColumnBatch batch = build.next();
            if (batch.size() == 0) {
                continue;
            }
            long needed = batch.size() * rowBytes;
            if (level < SpillPartitions.MAX_LEVEL && acquireMemory(needed) < needed) {
                held.add(batch);
                return partitioned(held, build, stream);
            }
            held.add(batch);
        }
        task.taskMetrics().setPeakExecutionMemory(Math.max(task.taskMetrics().peakExecutionMemory(), used()));
        return CompletionIterator.of(JoinCore.ofHeld(spec, held).run(stream), () -> freeMemory(used()));
    }

    /** Splits both sides by key into parts on disk and joins them part by part. */
    private Iterator<ColumnBatch> partitioned(
            List<ColumnBatch> held, Iterator<ColumnBatch> build, Iterator<ColumnBatch> stream) {
        long memory = used();
        SpillPartitions buildParts = new SpillPartitions(buildTypes(spec), level, task);
        for (ColumnBatch batch : held) {
            spillBatch(batch, spec.buildKeys(), buildParts);
        }
        held.clear();
        freeMemory(used());
        task.taskMetrics().incMemoryBytesSpilled(memory);
        while (build.hasNext()) {
            spillBatch(build.next(), spec.buildKeys(), buildParts);
        }
        buildParts.finishWriting();
        SpillPartitions streamParts = new SpillPartitions(streamTypes(spec), level, task);
        while (stream.hasNext()) {
            spillBatch(stream.next(), spec.streamKeys(), streamParts);
        }
        streamParts.finishWriting();
        return new Iterator<>() {
            private int part = -1;
            private Iterator<ColumnBatch> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (++part >= SpillPartitions.PARTS) {
                        return false;
                    }
                    current = new SpillingHashJoin(spec, task, level + 1)
                            .join(buildParts.read(part), streamParts.read(part));
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static void spillBatch(ColumnBatch batch, List<VectorExpression> keys, SpillPartitions parts) {
        int size = batch.size();
        if (size == 0) {
            return;
        }
        ColumnVector[] keyVectors = BoundExpressions.evaluate(keys, batch);
        int[] hashes = new int[size];
        KeyHashing.hashAll(keyVectors, batch, hashes);
        for (int k = 0; k < size; k++) {
            parts.add(batch, batch.row(k), hashes[k]);
        }
    }

    @Override
    public long spill(long size, MemoryConsumer trigger) {
        return 0;
    }
}
