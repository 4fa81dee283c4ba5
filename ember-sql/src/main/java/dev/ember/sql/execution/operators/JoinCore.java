package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.RowKey;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The join of one task: a build side held whole (hashed by its keys, or, without keys, every build row a candidate for
 * every stream row), and a stream side read a batch at a time. Candidate pairs are gathered into a batch of the
 * output's columns (left then right), the condition is evaluated on that batch, and the join type decides what is
 * emitted: matched pairs, stream rows without a match padded with nulls, stream rows with (semi) or without (anti) a
 * match, and, when the task holds the whole build side, build rows that never matched ({@link #finish}).
 *
 * <p>Null keys never match. The stream side is the left input except for a right outer join with the left built.
 */
final class JoinCore {
    /** What a task needs, compiled on the driver. */
    record Spec(
            JoinType joinType,
            boolean buildLeft,
            List<VectorExpression> streamKeys,
            List<VectorExpression> buildKeys,
            VectorExpression condition,
            List<DataType> leftTypes,
            List<DataType> rightTypes)
            implements Serializable {}

    private final Spec spec;
    private final List<ColumnBatch> buildBatches = new ArrayList<>();
    private final Map<RowKey, long[]> table = new HashMap<>();
    private final List<Long> allBuildRows = new ArrayList<>();
    private final Map<Long, Boolean> matchedBuild = new HashMap<>();
    private final boolean keyed;

    JoinCore(Spec spec, Iterator<ColumnBatch> build) {
        this.spec = spec;
        this.keyed = !spec.buildKeys().isEmpty();
        while (build.hasNext()) {
            ColumnBatch batch = build.next();
            if (batch.size() == 0) {
                continue;
            }
            int index = buildBatches.size();
            buildBatches.add(batch);
            ColumnVector[] keys = keyed ? BoundExpressions.evaluate(spec.buildKeys(), batch) : null;
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                long address = RowOrdering.address(index, row);
                if (keyed) {
                    RowKey key = RowKey.of(BoundExpressions.values(keys, row));
                    if (key.anyNull()) {
                        if (tracksBuild()) {
                            allBuildRows.add(address);
                        }
                        continue;
                    }
                    table.merge(key, new long[] {address}, JoinCore::append);
                    if (tracksBuild()) {
                        allBuildRows.add(address);
                    }
                } else {
                    allBuildRows.add(address);
                }
            }
        }
    }

    private static long[] append(long[] existing, long[] added) {
        long[] merged = java.util.Arrays.copyOf(existing, existing.length + added.length);
        System.arraycopy(added, 0, merged, existing.length, added.length);
        return merged;
    }

    /** Whether unmatched build rows are emitted at the end (the build side is an outer side). */
    private boolean tracksBuild() {
        JoinType type = spec.joinType();
        return type == JoinType.FULL_OUTER
                || (spec.buildLeft() && type == JoinType.LEFT_OUTER)
                || (!spec.buildLeft() && type == JoinType.RIGHT_OUTER);
    }

    /** Whether stream rows without a match are emitted padded with nulls. */
    private boolean streamOuter() {
        JoinType type = spec.joinType();
        return type == JoinType.FULL_OUTER
                || (!spec.buildLeft() && type == JoinType.LEFT_OUTER)
                || (spec.buildLeft() && type == JoinType.RIGHT_OUTER);
    }

    private List<DataType> outputTypes() {
        List<DataType> types = new ArrayList<>(spec.leftTypes());
        if (spec.joinType().outputsRight()) {
            types.addAll(spec.rightTypes());
        }
        return types;
    }

    /** The output for one stream batch. */
    List<ColumnBatch> join(ColumnBatch stream) {
        List<ColumnBatch> output = new ArrayList<>();
        int size = stream.size();
        if (size == 0) {
            return output;
        }
        ColumnVector[] keys = keyed ? BoundExpressions.evaluate(spec.streamKeys(), stream) : null;
        boolean[] streamMatched = new boolean[size];
        // Candidate pairs, in chunks of a batch.
        List<DataType> pairTypes = new ArrayList<>(spec.leftTypes());
        pairTypes.addAll(spec.rightTypes());
        BatchBuilder pairs = new BatchBuilder(pairTypes);
        int[] pairStream = new int[ColumnBatch.DEFAULT_ROWS];
        long[] pairBuild = new long[ColumnBatch.DEFAULT_ROWS];
        int pairCount = 0;
        for (int k = 0; k < size; k++) {
            int row = stream.row(k);
            long[] candidates;
            if (keyed) {
                RowKey key = RowKey.of(BoundExpressions.values(keys, row));
                candidates = key.anyNull() ? null : table.get(key);
            } else {
                candidates = allBuildArray();
            }
            if (candidates == null) {
                continue;
            }
            for (long address : candidates) {
                addPair(pairs, stream, row, address);
                pairStream[pairCount] = k;
                pairBuild[pairCount] = address;
                pairCount++;
                if (pairs.isFull()) {
                    emitPairs(pairs.build(), pairStream, pairBuild, pairCount, streamMatched, output);
                    pairCount = 0;
                }
            }
        }
        if (pairCount > 0) {
            emitPairs(pairs.build(), pairStream, pairBuild, pairCount, streamMatched, output);
        }
        JoinType type = spec.joinType();
        if (type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI) {
            boolean wanted = type == JoinType.LEFT_SEMI;
            int[] selection = new int[size];
            int count = 0;
            for (int k = 0; k < size; k++) {
                if (streamMatched[k] == wanted) {
                    selection[count++] = stream.row(k);
                }
            }
            if (count > 0) {
                output.add(stream.withSelection(selection, count));
            }
        } else if (streamOuter()) {
            BatchBuilder padded = new BatchBuilder(outputTypes());
            for (int k = 0; k < size; k++) {
                if (!streamMatched[k]) {
                    addPair(padded, stream, stream.row(k), -1);
                    if (padded.isFull()) {
                        output.add(padded.build());
                    }
                }
            }
            if (!padded.isEmpty()) {
                output.add(padded.build());
            }
        }
        return output;
    }

    private long[] allBuildCache;

    private long[] allBuildArray() {
        if (allBuildCache == null) {
            allBuildCache = new long[allBuildRows.size()];
            for (int i = 0; i < allBuildCache.length; i++) {
                allBuildCache[i] = allBuildRows.get(i);
            }
        }
        return allBuildCache;
    }

    /** Appends the row of the pair in output order (left, right); {@code build} -1 pads the build side with nulls. */
    private void addPair(BatchBuilder builder, ColumnBatch stream, int streamRow, long build) {
        ColumnBatch buildBatch = build < 0 ? null : buildBatches.get(RowOrdering.batchOf(build));
        int buildRow = build < 0 ? -1 : RowOrdering.rowOf(build);
        int leftWidth = spec.leftTypes().size();
        int rightWidth = spec.rightTypes().size();
        boolean streamIsLeft = !spec.buildLeft();
        for (int i = 0; i < leftWidth; i++) {
            copy(builder, i, streamIsLeft ? stream : buildBatch, i, streamIsLeft ? streamRow : buildRow);
        }
        if (builder.numColumns() > leftWidth) {
            for (int i = 0; i < rightWidth; i++) {
                copy(
                        builder,
                        leftWidth + i,
                        streamIsLeft ? buildBatch : stream,
                        i,
                        streamIsLeft ? buildRow : streamRow);
            }
        }
        builder.endRow();
    }

    static void copy(BatchBuilder builder, int column, ColumnBatch source, int sourceColumn, int row) {
        if (source == null) {
            builder.setNull(column);
        } else {
            ColumnVector vector = source.column(sourceColumn);
            if (vector.isNull(row)) {
                builder.setNull(column);
            } else {
                builder.copyFrom(column, vector, row);
            }
        }
    }

    private void emitPairs(
            ColumnBatch pairs,
            int[] pairStream,
            long[] pairBuild,
            int count,
            boolean[] streamMatched,
            List<ColumnBatch> output) {
        ColumnVector passed = spec.condition() == null ? null : spec.condition().evaluate(pairs);
        int[] selection = new int[count];
        int selected = 0;
        for (int i = 0; i < count; i++) {
            if (passed != null && (passed.isNull(i) || !passed.getBoolean(i))) {
                continue;
            }
            streamMatched[pairStream[i]] = true;
            if (tracksBuild()) {
                matchedBuild.put(pairBuild[i], Boolean.TRUE);
            }
            selection[selected++] = i;
        }
        JoinType type = spec.joinType();
        if (selected == 0 || type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI) {
            return;
        }
        output.add(selected == count ? pairs : pairs.withSelection(selection, selected));
    }

    /** After the last stream batch: the build rows that never matched, padded with nulls, for an outer build side. */
    List<ColumnBatch> finish() {
        List<ColumnBatch> output = new ArrayList<>();
        if (!tracksBuild()) {
            return output;
        }
        BatchBuilder padded = new BatchBuilder(outputTypes());
        int leftWidth = spec.leftTypes().size();
        for (long address : allBuildRows) {
            if (matchedBuild.containsKey(address)) {
                continue;
            }
            ColumnBatch batch = buildBatches.get(RowOrdering.batchOf(address));
            int row = RowOrdering.rowOf(address);
            boolean buildIsLeft = spec.buildLeft();
            for (int i = 0; i < leftWidth; i++) {
                copy(padded, i, buildIsLeft ? batch : null, i, row);
            }
            for (int i = 0; i < spec.rightTypes().size(); i++) {
                copy(padded, leftWidth + i, buildIsLeft ? null : batch, i, row);
            }
            padded.endRow();
            if (padded.isFull()) {
                output.add(padded.build());
            }
        }
        if (!padded.isEmpty()) {
            output.add(padded.build());
        }
        return output;
    }

    /** Every stream batch joined, then the unmatched build rows. */
    Iterator<ColumnBatch> run(Iterator<ColumnBatch> stream) {
        return new Iterator<>() {
            private Iterator<ColumnBatch> current = java.util.Collections.emptyIterator();
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (stream.hasNext()) {
                        current = join(stream.next()).iterator();
                    } else if (!finished) {
                        finished = true;
                        current = finish().iterator();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
