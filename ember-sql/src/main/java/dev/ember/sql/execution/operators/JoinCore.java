package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.KeyHashing;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
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
    /**
     * What a task needs, compiled on the driver. {@code conditionReads} says which columns of a pair (left, then
     * right) the condition reads, or is null for all: candidate pairs then carry only those, and the output columns
     * are gathered for the pairs that pass.
     */
    record Spec(
            JoinType joinType,
            boolean buildLeft,
            List<VectorExpression> streamKeys,
            List<VectorExpression> buildKeys,
            VectorExpression condition,
            List<DataType> leftTypes,
            List<DataType> rightTypes,
            boolean[] conditionReads)
            implements Serializable {}

    private final Spec spec;
    /** The build side's rows, entry e at row e. */
    private final BuildRows buildRows;

    /**
     * The most keys the table is made for up front. The rows of a held build side are known, its distinct keys are
     * not: a table sized for every row would waste most of its slots when keys repeat.
     */
    static final int PRESIZED_KEYS = 1 << 20;

    private final boolean keyed;
    private final KeyTable table;

    /** Per entry: the next entry of its key (-1 at the end); whether it matched a stream row. */
    private int[] next;

    private final BitSet matchedBuild;
    private ColumnVector[] unread;
    private int entries;

    /** Per key (group of the table): its first and last entries. */
    private int[] first;

    private int[] last;

    JoinCore(Spec spec, Iterator<ColumnBatch> build) {
        this(spec, build, 0);
    }

    /** {@code expectedRows}: the build side's rows when known (0 otherwise), so its columns are made that size. */
    JoinCore(Spec spec, Iterator<ColumnBatch> build, int expectedRows) {
        this(spec, build, expectedRows, BuildRows.CHUNK_ROWS);
    }

    /** As above, with chunks of at most {@code chunkRows} rows (tests make them small). */
    JoinCore(Spec spec, Iterator<ColumnBatch> build, int expectedRows, int chunkRows) {
        this.spec = spec;
        this.buildRows =
                new BuildRows(spec.buildLeft() ? spec.leftTypes() : spec.rightTypes(), expectedRows, chunkRows);
        this.matchedBuild = new BitSet();
        this.keyed = !spec.buildKeys().isEmpty();
        List<DataType> keyTypes = new ArrayList<>();
        for (VectorExpression key : spec.buildKeys()) {
            keyTypes.add(key.dataType());
        }
        // Sized for the rows when they are known: grown by doubling, each of these arrays would leave a trail of
        // ever larger copies, and past a megabyte each copy is a humongous allocation for the collector.
        int presizedKeys = Math.max(256, Math.min(expectedRows, PRESIZED_KEYS));
        this.table = keyed ? new KeyTable(keyTypes, presizedKeys) : null;
        this.next = new int[expectedRows > 0 ? expectedRows : 1024];
        this.first = new int[presizedKeys];
        this.last = new int[presizedKeys];
        while (build.hasNext()) {
            ColumnBatch batch = build.next();
            if (batch.size() == 0) {
                continue;
            }
            buildRows.append(batch);
            int[] groups = keyed ? new int[batch.size()] : null;
            int known = keyed ? table.size() : 0;
            if (keyed) {
                ColumnVector[] keys = BoundExpressions.evaluate(spec.buildKeys(), batch);
                table.addAll(keys, batch, KeyHashing.hashAll(keys, batch), groups, true);
            }
            for (int k = 0; k < batch.size(); k++) {
                int entry = addEntry();
                if (keyed && groups[k] >= 0) { // new keys are numbered in the order of the rows first having them
                    link(groups[k], entry, groups[k] == known);
                    known = Math.max(known, groups[k] + 1);
                }
            }
        }
    }

    /**
     * A join probing the build side of {@code built}, which it shares without changing it, with the expressions of
     * {@code spec}: each task evaluates its own copies of the keys and the condition, as it would with a build side of
     * its own (a seeded random sequence or a user's function is never called from two tasks at once).
     */
    private JoinCore(JoinCore built, Spec spec) {
        this.spec = spec;
        this.buildRows = built.buildRows;
        this.keyed = built.keyed;
        this.table = built.table;
        this.next = built.next;
        this.entries = built.entries;
        this.first = built.first;
        this.last = built.last;
        this.matchedBuild = new BitSet();
    }

    /**
     * This join's build side probed with {@code spec}, the same join as compiled in another task. Only for a join that
     * does not record which build rows matched, the one thing probing writes.
     */
    JoinCore probedWith(Spec spec) {
        if (tracksBuild(spec)) {
            throw new IllegalStateException("A " + spec.joinType() + " join records its matches and is not shared");
        }
        return new JoinCore(this, spec);
    }

    /** The join as compiled for the task that probes with it (tests). */
    Spec spec() {
        return spec;
    }

    /** Whether this join and {@code other} probe the same build side (tests). */
    boolean sharesBuildWith(JoinCore other) {
        return buildRows == other.buildRows && table == other.table;
    }

    /**
     * A join whose build side is already held whole: its columns and table are made at their size, and each batch is
     * let go once it is copied.
     */
    static JoinCore ofHeld(Spec spec, List<ColumnBatch> held) {
        long rows = 0;
        for (ColumnBatch batch : held) {
            rows += batch.size();
        }
        Iterator<ColumnBatch> draining = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < held.size();
            }

            @Override
            public ColumnBatch next() {
                if (next >= held.size()) {
                    throw new java.util.NoSuchElementException();
                }
                ColumnBatch batch = held.get(next);
                held.set(next++, null);
                return batch;
            }
        };
        return new JoinCore(spec, draining, expectedRows(rows));
    }

    /** Rows a join is made for: {@code rows}, or none (grown as they come) past what an array can hold. */
    static int expectedRows(long rows) {
        return rows <= Integer.MAX_VALUE - 8 ? (int) rows : 0;
    }

    /** The next entry, the build row appended last. */
    private int addEntry() {
        if (entries == next.length) {
            next = Arrays.copyOf(next, Math.max(16, entries * 2));
        }
        next[entries] = -1;
        return entries++;
    }

    /** Chains {@code entry} after the last entry of {@code key}, or makes it the first of a key just added. */
    private void link(int key, int entry, boolean added) {
        if (key == first.length) {
            first = Arrays.copyOf(first, Math.max(16, key * 2));
            last = Arrays.copyOf(last, Math.max(16, key * 2));
        }
        if (added) {
            first[key] = entry;
        } else {
            next[last[key]] = entry;
        }
        last[key] = entry;
    }

    /**
     * Whether a join of {@code spec} records which build rows matched (it writes to its table while probing): an outer
     * build side, or the left side of a semi or anti join built, whose matched or unmatched rows are the output.
     */
    static boolean tracksBuild(Spec spec) {
        JoinType type = spec.joinType();
        return type == JoinType.FULL_OUTER
                || (spec.buildLeft()
                        && (type == JoinType.LEFT_OUTER || type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI))
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
        boolean[] streamMatched = new boolean[size];
        JoinType type = spec.joinType();
        // Without a condition, a semi or anti join needs only whether a row (stream, or built left) has a match.
        boolean semi = type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI;
        boolean existence = semi && spec.condition() == null;
        boolean marksBuild = semi && spec.buildLeft();
        int[] found = keyed ? new int[size] : null;
        if (keyed) {
            ColumnVector[] keys = BoundExpressions.evaluate(spec.streamKeys(), stream);
            table.findAll(keys, stream, KeyHashing.hashAll(keys, stream), found, true);
            if (semi && !marksBuild && !existence) {
                matchInRounds(stream, found, streamMatched, output);
                return JoinOutput.semi(stream, streamMatched, type == JoinType.LEFT_SEMI, output);
            }
        }
        // Candidate pairs, in chunks of a batch: the stream row's index in the batch, and the build entry.
        int chunk = Math.min(ColumnBatch.DEFAULT_ROWS, Math.max(size, 16));
        int[] pairStream = new int[chunk];
        int[] pairBuild = new int[chunk];
        int pairCount = 0;
        for (int k = 0; k < size; k++) {
            int row = stream.row(k);
            int entry;
            if (keyed) {
                int key = found[k];
                entry = key < 0 ? -1 : first[key];
            } else {
                entry = entries > 0 ? 0 : -1;
            }
            if (existence && marksBuild) {
                // A key's build rows are marked together, so a marked first row means all of them are.
                for (;
                        entry >= 0 && !matchedBuild.get(entry);
                        entry = keyed ? next[entry] : (entry + 1 < entries ? entry + 1 : -1)) {
                    matchedBuild.set(entry);
                }
                continue;
            }
            if (existence) {
                streamMatched[k] = entry >= 0;
                continue;
            }
            for (; entry >= 0; entry = keyed ? next[entry] : (entry + 1 < entries ? entry + 1 : -1)) {
                if (pairCount == pairStream.length) {
                    if (pairCount < ColumnBatch.DEFAULT_ROWS) {
                        int grown = Math.min(ColumnBatch.DEFAULT_ROWS, pairCount * 2);
                        pairStream = Arrays.copyOf(pairStream, grown);
                        pairBuild = Arrays.copyOf(pairBuild, grown);
                    } else {
                        emitPairs(stream, pairStream, pairBuild, pairCount, streamMatched, output);
                        pairStream = new int[pairStream.length];
                        pairBuild = new int[pairBuild.length];
                        pairCount = 0;
                    }
                }
                pairStream[pairCount] = k;
                pairBuild[pairCount] = entry;
                pairCount++;
            }
        }
        if (pairCount > 0) {
            emitPairs(stream, pairStream, pairBuild, pairCount, streamMatched, output);
        }
        if (semi && !marksBuild) {
            return JoinOutput.semi(stream, streamMatched, type == JoinType.LEFT_SEMI, output);
        } else if (streamOuter()) {
            int[] unmatched = new int[size];
            int count = 0;
            for (int k = 0; k < size; k++) {
                if (!streamMatched[k]) {
                    unmatched[count++] = k;
                }
            }
            if (count > 0) {
                output.add(pairs(stream, unmatched, null, count, outputTypes().size()));
            }
        }
        return output;
    }

    /**
     * A semi or anti join's matches under a condition, in rounds: each stream row not yet matched meets the next build
     * rows of its key (more of them when few rows are left, up to a batch of pairs), so that it is done at its first
     * match rather than paired with every row of its key.
     */
    private void matchInRounds(ColumnBatch stream, int[] found, boolean[] streamMatched, List<ColumnBatch> output) {
        int[] cursor = new int[found.length]; // per stream row, the next build entry it meets, or -1
        int[] active = new int[found.length];
        int count = 0;
        for (int k = 0; k < found.length; k++) {
            cursor[k] = found[k] < 0 ? -1 : first[found[k]];
            if (cursor[k] >= 0) {
                active[count++] = k;
            }
        }
        int[] pairStream = new int[ColumnBatch.DEFAULT_ROWS];
        int[] pairBuild = new int[ColumnBatch.DEFAULT_ROWS];
        while (count > 0) {
            int per = Math.max(1, pairStream.length / count);
            int pairs = 0;
            for (int i = 0; i < count && pairs < pairStream.length; i++) {
                for (int k = active[i], taken = 0;
                        taken < per && cursor[k] >= 0 && pairs < pairStream.length;
                        taken++) {
                    pairStream[pairs] = k;
                    pairBuild[pairs++] = cursor[k];
                    cursor[k] = next[cursor[k]];
                }
            }
            emitPairs(stream, pairStream, pairBuild, pairs, streamMatched, output);
            int left = 0;
            for (int i = 0; i < count; i++) {
                if (!streamMatched[active[i]] && cursor[active[i]] >= 0) {
                    active[left++] = active[i];
                }
            }
            count = left;
        }
    }

    /**
     * The pairs {@code (stream row at index streamIndex[i], build entry buildEntry[i])} as a batch of the output's
     * columns (left, then right; only the stream side's when {@code width} stops there), built a column at a time:
     * the stream side's columns gathered, the build side's copied from their batches, or nulls where {@code
     * buildEntry} is null.
     */
    private ColumnBatch pairs(ColumnBatch stream, int[] streamIndex, int[] buildEntry, int count, int width) {
        return pairs(stream, streamIndex, buildEntry, count, width, null);
    }

    /** As above, with only the columns {@code reads} marks gathered (all when null); the others are all null. */
    private ColumnBatch pairs(
            ColumnBatch stream, int[] streamIndex, int[] buildEntry, int count, int width, boolean[] reads) {
        int[] streamRows = new int[count];
        for (int i = 0; i < count; i++) {
            streamRows[i] = stream.row(streamIndex[i]);
        }
        int leftWidth = spec.leftTypes().size();
        boolean streamIsLeft = !spec.buildLeft();
        ColumnVector[] columns = new ColumnVector[width];
        for (int c = 0; c < width; c++) {
            boolean left = c < leftWidth;
            int sourceColumn = left ? c : c - leftWidth;
            if (reads != null && !reads[c]) {
                columns[c] = unread(
                        c, left ? spec.leftTypes().get(c) : spec.rightTypes().get(sourceColumn));
            } else if (left == streamIsLeft) {
                columns[c] = BatchBuilder.gather(stream.column(sourceColumn), streamRows, count);
            } else {
                DataType type = left
                        ? spec.leftTypes().get(sourceColumn)
                        : spec.rightTypes().get(sourceColumn);
                columns[c] = buildEntry == null
                        ? ColumnVectors.constant(type, null, count)
                        : buildRows.gather(sourceColumn, buildEntry, count);
            }
        }
        return ColumnBatch.of(count, columns);
    }

    /** An all-null column of a batch's rows, kept for the pairs' columns a condition does not read. */
    private ColumnVector unread(int column, DataType type) {
        if (unread == null) {
            unread =
                    new ColumnVector[spec.leftTypes().size() + spec.rightTypes().size()];
        }
        if (unread[column] == null) {
            unread[column] = ColumnVectors.constant(type, null, ColumnBatch.DEFAULT_ROWS);
        }
        return unread[column];
    }

    private void emitPairs(
            ColumnBatch stream,
            int[] pairStream,
            int[] pairBuild,
            int count,
            boolean[] streamMatched,
            List<ColumnBatch> output) {
        JoinType type = spec.joinType();
        boolean existence = type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI;
        if (spec.condition() == null) {
            for (int i = 0; i < count; i++) {
                streamMatched[pairStream[i]] = true;
                if (tracksBuild(spec)) {
                    matchedBuild.set(pairBuild[i]);
                }
            }
            if (!existence) {
                output.add(pairs(
                        stream, pairStream, pairBuild, count, outputTypes().size()));
            }
            return;
        }
        boolean[] reads = count <= ColumnBatch.DEFAULT_ROWS ? spec.conditionReads() : null;
        int width = spec.leftTypes().size() + spec.rightTypes().size();
        ColumnBatch pairs = pairs(stream, pairStream, pairBuild, count, width, reads);
        ColumnVector passed = spec.condition().evaluate(pairs);
        int[] selection = new int[count];
        int selected = 0;
        for (int i = 0; i < count; i++) {
            if (passed.isNull(i) || !passed.getBoolean(i)) {
                continue;
            }
            streamMatched[pairStream[i]] = true;
            if (tracksBuild(spec)) {
                matchedBuild.set(pairBuild[i]);
            }
            selection[selected++] = i;
        }
        if (selected == 0 || existence) {
            return;
        }
        if (reads == null) {
            output.add(selected == count ? pairs : pairs.withSelection(selection, selected));
            return;
        }
        for (int i = 0; i < selected; i++) {
            pairStream[i] = pairStream[selection[i]];
            pairBuild[i] = pairBuild[selection[i]];
        }
        output.add(pairs(stream, pairStream, pairBuild, selected, width, null));
    }

    /**
     * After the last stream batch: the build rows that never matched, padded with nulls, for an outer build side; for
     * a semi join with its left side built, those that matched.
     */
    List<ColumnBatch> finish() {
        List<ColumnBatch> output = new ArrayList<>();
        if (!tracksBuild(spec)) {
            return output;
        }
        int[] rows = new int[ColumnBatch.DEFAULT_ROWS];
        int count = 0;
        boolean matched = spec.joinType() == JoinType.LEFT_SEMI;
        for (int entry = nextEntry(matched, 0); entry < entries; entry = nextEntry(matched, entry + 1)) {
            rows[count++] = entry;
            if (count == rows.length) {
                output.add(unmatchedBuild(rows, count));
                rows = new int[rows.length];
                count = 0;
            }
        }
        if (count > 0) {
            output.add(unmatchedBuild(rows, count));
        }
        return output;
    }

    private int nextEntry(boolean matched, int from) {
        int entry = matched ? matchedBuild.nextSetBit(from) : matchedBuild.nextClearBit(from);
        return entry < 0 ? entries : entry;
    }

    /** Build rows {@code rows[0, count)} with the stream side's columns null. */
    private ColumnBatch unmatchedBuild(int[] rows, int count) {
        int leftWidth = spec.leftTypes().size();
        List<DataType> types = outputTypes();
        ColumnVector[] columns = new ColumnVector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            boolean left = c < leftWidth;
            columns[c] = left == spec.buildLeft()
                    ? buildRows.gather(left ? c : c - leftWidth, rows, count)
                    : ColumnVectors.constant(types.get(c), null, count);
        }
        return ColumnBatch.of(count, columns);
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
