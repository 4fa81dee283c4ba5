package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One task of a {@link SortMergeJoinExec}: both inputs sorted by their keys (ascending, nulls first), walked side by
 * side. The smaller key's row is unmatched and emitted as the join type says; on equal keys the right rows of that key
 * are gathered (the only rows held, and spilled to disk when memory refuses them: {@link MergeKeyRows}), then each left
 * row of the key is paired with all of them, the condition decides which pairs match, and right rows of the key that
 * no pair matched are emitted after it for right and full outer joins. Without a condition every pair matches and goes
 * straight to the output. Output batches are produced as the caller asks for them.
 */
final class MergeJoinCursor implements Iterator<ColumnBatch> {
    private final SortMergeJoinExec.Spec spec;
    private final Side left;
    private final Side right;
    private final ArrayDeque<ColumnBatch> ready = new ArrayDeque<>();
    private final List<DataType> pairTypes;
    private final List<DataType> outputTypes;
    private final BatchBuilder unmatched;

    /** Without a condition every pair of a key matches: the pairs are appended here, with nothing to evaluate. */
    private final BatchBuilder pairs;

    /** The right rows of the current key, spilled when memory refuses them. */
    private final MergeKeyRows group;

    private final boolean leftOuter;
    private final boolean rightOuter;

    MergeJoinCursor(SortMergeJoinExec.Spec spec, Iterator<ColumnBatch> leftRows, Iterator<ColumnBatch> rightRows) {
        this.spec = spec;
        this.left = new Side(leftRows, spec.leftKeys());
        this.right = new Side(rightRows, spec.rightKeys());
        this.pairTypes = new ArrayList<>(spec.leftTypes());
        pairTypes.addAll(spec.rightTypes());
        JoinType type = spec.joinType();
        this.outputTypes = type.outputsRight() ? pairTypes : spec.leftTypes();
        this.unmatched = new BatchBuilder(outputTypes);
        this.pairs = new BatchBuilder(pairTypes);
        this.group = MergeKeyRows.forCurrentTask(spec.rightTypes());
        this.leftOuter = type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER;
        this.rightOuter = type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            if (!step()) {
                if (!unmatched.isEmpty()) {
                    ready.add(unmatched.build());
                }
                if (!pairs.isEmpty()) {
                    ready.add(pairs.build());
                }
                return !ready.isEmpty();
            }
        }
        return true;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Advances by one row or one key; false when both sides are exhausted. */
    private boolean step() {
        boolean hasLeft = left.valid();
        boolean hasRight = right.valid();
        if (!hasLeft && !hasRight) {
            return false;
        }
        if (!hasRight || (hasLeft && left.keyHasNull())) {
            leftAlone();
            return true;
        }
        if (!hasLeft || right.keyHasNull()) {
            rightAlone();
            return true;
        }
        int order = compare(left.key(), right.key());
        if (order < 0) {
            leftAlone();
        } else if (order > 0) {
            rightAlone();
        } else {
            joinKey();
        }
        return true;
    }

    private void leftAlone() {
        JoinType type = spec.joinType();
        if (leftOuter || type == JoinType.LEFT_ANTI) {
            emitUnmatched(left.batch, left.row(), null, -1);
        }
        left.advance();
    }

    private void rightAlone() {
        if (rightOuter) {
            emitUnmatched(null, -1, right.batch, right.row());
        }
        right.advance();
    }

    /** The rows of the key both sides are at: the right ones gathered, each left one paired with them. */
    private void joinKey() {
        Object[] key = right.key();
        group.clear();
        while (right.valid() && compare(right.key(), key) == 0) {
            group.add(right.batch, right.row());
            right.advance();
        }
        group.finish();
        if (spec.condition() == null) {
            joinKeyWithoutCondition(key);
            return;
        }
        List<boolean[]> groupMatched = new ArrayList<>();
        for (int b = 0; b < group.batchCount(); b++) {
            groupMatched.add(new boolean[group.batchSize(b)]);
        }
        while (left.valid() && !left.keyHasNull() && compare(left.key(), key) == 0) {
            boolean matched = pairLeftRow(groupMatched);
            JoinType type = spec.joinType();
            if (type == JoinType.LEFT_SEMI && matched) {
                emitUnmatched(left.batch, left.row(), null, -1);
            } else if (!matched && (leftOuter || type == JoinType.LEFT_ANTI)) {
                emitUnmatched(left.batch, left.row(), null, -1);
            }
            left.advance();
        }
        if (rightOuter) {
            Iterator<ColumnBatch> batches = group.batches();
            for (int b = 0; batches.hasNext(); b++) {
                ColumnBatch batch = batches.next();
                boolean[] flags = groupMatched.get(b);
                for (int row = 0; row < flags.length; row++) {
                    if (!flags[row]) {
                        emitUnmatched(null, -1, batch, row);
                    }
                }
            }
        }
        group.clear();
    }

    /**
     * The left rows of a key when there is no condition: each matches every right row of the key (there is at least
     * one), so pairs go straight to the output and no row of either side is left unmatched.
     */
    private void joinKeyWithoutCondition(Object[] key) {
        JoinType type = spec.joinType();
        int leftWidth = spec.leftTypes().size();
        int rightWidth = spec.rightTypes().size();
        while (left.valid() && !left.keyHasNull() && compare(left.key(), key) == 0) {
            if (type == JoinType.LEFT_SEMI) {
                emitUnmatched(left.batch, left.row(), null, -1);
            } else if (type.outputsRight()) {
                for (Iterator<ColumnBatch> batches = group.batches(); batches.hasNext(); ) {
                    ColumnBatch rows = batches.next();
                    for (int row = 0; row < rows.numRows(); row++) {
                        for (int i = 0; i < leftWidth; i++) {
                            JoinOutput.copy(pairs, i, left.batch, i, left.row());
                        }
                        for (int i = 0; i < rightWidth; i++) {
                            JoinOutput.copy(pairs, leftWidth + i, rows, i, row);
                        }
                        pairs.endRow();
                        if (pairs.isFull()) {
                            ready.add(pairs.build());
                        }
                    }
                }
            }
            left.advance();
        }
        group.clear();
    }

    /**
     * Pairs the current left row with the gathered right rows, a batch of pairs at a time; emits the matching pairs
     * (unless semi or anti) and marks the right rows they used. Returns whether any pair matched.
     */
    private boolean pairLeftRow(List<boolean[]> groupMatched) {
        boolean any = false;
        boolean emitsPairs = spec.joinType().outputsRight();
        int leftWidth = spec.leftTypes().size();
        Iterator<ColumnBatch> batches = group.batches();
        for (int b = 0; batches.hasNext(); b++) {
            ColumnBatch rows = batches.next();
            int count = rows.numRows();
            BatchBuilder candidatePairs = new BatchBuilder(pairTypes, Math.max(1, count));
            for (int row = 0; row < count; row++) {
                for (int i = 0; i < leftWidth; i++) {
                    JoinOutput.copy(candidatePairs, i, left.batch, i, left.row());
                }
                for (int i = 0; i < spec.rightTypes().size(); i++) {
                    JoinOutput.copy(candidatePairs, leftWidth + i, rows, i, row);
                }
                candidatePairs.endRow();
            }
            ColumnBatch candidates = candidatePairs.build();
            VectorExpression condition = spec.condition();
            ColumnVector passed = condition == null ? null : condition.evaluate(candidates);
            int[] selection = new int[count];
            int selected = 0;
            boolean[] flags = groupMatched.get(b);
            for (int row = 0; row < count; row++) {
                if (passed != null && (passed.isNull(row) || !passed.getBoolean(row))) {
                    continue;
                }
                flags[row] = true;
                selection[selected++] = row;
            }
            any |= selected > 0;
            if (emitsPairs && selected > 0) {
                ready.add(selected == count ? candidates : candidates.withSelection(selection, selected));
            }
        }
        return any;
    }

    /** One output row with a side missing: the left row alone (semi, anti) or padded with nulls (outer). */
    private void emitUnmatched(ColumnBatch leftBatch, int leftRow, ColumnBatch rightBatch, int rightRow) {
        int leftWidth = spec.leftTypes().size();
        for (int i = 0; i < leftWidth; i++) {
            JoinOutput.copy(unmatched, i, leftBatch, i, leftRow);
        }
        if (outputTypes.size() > leftWidth) {
            for (int i = 0; i < spec.rightTypes().size(); i++) {
                JoinOutput.copy(unmatched, leftWidth + i, rightBatch, i, rightRow);
            }
        }
        unmatched.endRow();
        if (unmatched.isFull()) {
            ready.add(unmatched.build());
        }
    }

    private int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int result = spec.keyOrder().get(i).compare(a[i], b[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A position in one sorted input: its current batch, the batch's key vectors and the row within it. */
    private static final class Side {
        private final Iterator<ColumnBatch> batches;
        private final List<VectorExpression> keys;
        ColumnBatch batch;
        private ColumnVector[] keyVectors;
        private int position;
        private Object[] key;

        Side(Iterator<ColumnBatch> batches, List<VectorExpression> keys) {
            this.batches = batches;
            this.keys = keys;
            load();
        }

        private void load() {
            batch = null;
            while (batches.hasNext()) {
                ColumnBatch next = batches.next();
                if (next.size() > 0) {
                    batch = next;
                    keyVectors = BoundExpressions.evaluate(keys, next);
                    position = 0;
                    key = null;
                    return;
                }
            }
        }

        boolean valid() {
            return batch != null;
        }

        int row() {
            return batch.row(position);
        }

        Object[] key() {
            if (key == null) {
                key = BoundExpressions.values(keyVectors, row());
            }
            return key;
        }

        boolean keyHasNull() {
            for (Object value : key()) {
                if (value == null) {
                    return true;
                }
            }
            return false;
        }

        void advance() {
            key = null;
            if (++position >= batch.size()) {
                load();
            }
        }
    }
}
