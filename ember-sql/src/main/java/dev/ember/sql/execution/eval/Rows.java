package dev.ember.sql.execution.eval;

import dev.ember.sql.vector.ColumnBatch;

/** Selections of rows of a batch, for evaluating parts of an expression on some rows only. */
final class Rows {
    private Rows() {}

    /** The physical rows of the batch's selection, in order. */
    static int[] selected(ColumnBatch batch) {
        int[] rows = new int[batch.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = batch.row(k);
        }
        return rows;
    }

    /** The batch with only {@code rows[0..count)} selected. */
    static ColumnBatch restrict(ColumnBatch batch, int[] rows, int count) {
        return batch.withSelection(rows, count);
    }
}
