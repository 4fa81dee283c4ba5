package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The join of one task: a build side held whole (hashed by its keys, or, without keys, every build row a candidate for
 * every stream row), and a stream side read a batch at a time. Candidate pairs are gathered into a batch of the
 * output's columns (left then right), the condition is evaluated on that batch, and the join type decides what is
 * emitted: matched pairs, stream rows without a match padded with nulls, stream rows with (semi) or without (anti) a
 * match, and, when the task holds the whole build side, build rows that never matched ({@link #finish}).
 *
 * <p>Every build row is an entry, numbered in arrival order, with its address (batch and row). The keys are numbered by
 * a {@link KeyTable}, and the entries of one key are chained in order ({@code first}/{@code last} per key, {@code next}
 * per entry), so the table holds no object per row. Null keys never match. The stream side is the left input except
 * for a right outer join with the left built.
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
    private final boolean keyed;
    private final KeyTable table;

    /** Per entry: its address; the next entry of its key (-1 at the end); whether it matched a stream row. */
    private long[] addresses = new long[1024];

    private int[] next = new int[1024];
    private final BitSet matchedBuild = new BitSet();
    private int entries;

    /** Per key (group of the table): its first and last entries. */
    private int[] first = new int[256];

    private int[] last = new int[256];

    JoinCore(Spec spec, Iterator<ColumnBatch> build) {
        this.spec = spec;
        this.keyed = !spec.buildKeys().isEmpty();
        List<DataType> keyTypes = new ArrayList<>();
        for (VectorExpression key : spec.buildKeys()) {
            keyTypes.add(key.dataType());
        }
        this.table = keyed ? new KeyTable(keyTypes) : null;
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
                int entry = addEntry(RowOrdering.address(index, row));
                if (keyed && !anyNull(keys, row)) {
                    int known = table.size();
                    int key = table.add(keys, row);
                    link(key, entry, key == known);
                }
            }
        }
    }

    private int addEntry(long address) {
        if (entries == addresses.length) {
            addresses = Arrays.copyOf(addresses, entries * 2);
            next = Arrays.copyOf(next, entries * 2);
        }
        addresses[entries] = address;
        next[entries] = -1;
        return entries++;
    }

    /** Chains {@code entry} after the last entry of {@code key}, or makes it the first of a key just added. */
    private void link(int key, int entry, boolean added) {
        if (key == first.length) {
            first = Arrays.copyOf(first, key * 2);
            last = Arrays.copyOf(last, key * 2);
        }
        if (added) {
            first[key] = entry;
        } else {
            next[last[key]] = entry;
        }
        last[key] = entry;
    }

    static boolean anyNull(ColumnVector[] keys, int row) {
        for (ColumnVector key : keys) {
            if (key.isNull(row)) {
                return true;
            }
        }
        return false;
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
        int[] pairBuild = new int[ColumnBatch.DEFAULT_ROWS];
        int pairCount = 0;
        for (int k = 0; k < size; k++) {
            int row = stream.row(k);
            int entry;
            if (keyed) {
                int key = anyNull(keys, row) ? -1 : table.find(keys, row);
                entry = key < 0 ? -1 : first[key];
            } else {
                entry = entries > 0 ? 0 : -1;
            }
            for (; entry >= 0; entry = keyed ? next[entry] : (entry + 1 < entries ? entry + 1 : -1)) {
                addPair(pairs, stream, row, addresses[entry]);
                pairStream[pairCount] = k;
                pairBuild[pairCount] = entry;
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
            copy(builder, column, source.column(sourceColumn), row);
        }
    }

    static void copy(BatchBuilder builder, int column, ColumnVector vector, int row) {
        if (vector.isNull(row)) {
            builder.setNull(column);
        } else {
            builder.copyFrom(column, vector, row);
        }
    }

    private void emitPairs(
            ColumnBatch pairs,
            int[] pairStream,
            int[] pairBuild,
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
                matchedBuild.set(pairBuild[i]);
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
        for (int entry = matchedBuild.nextClearBit(0); entry < entries; entry = matchedBuild.nextClearBit(entry + 1)) {
            long address = addresses[entry];
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
