package dev.ember.sql.vector;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A batch of rows held as columns: {@link #numRows()} rows physically held by each of the {@link ColumnVector}s, of
 * which a selection vector may keep only some. Operators loop over the selected rows with {@link #size()} and {@link
 * #row(int)}, or over {@link #selection()} directly:
 *
 * <pre>
 *   int[] sel = batch.selection();
 *   for (int k = 0; k &lt; batch.size(); k++) {
 *       int row = sel == null ? k : sel[k];
 *       ...
 *   }
 * </pre>
 *
 * A batch is immutable once built: {@link #withSelection}, {@link #project} and {@link #withColumns} make new batches
 * sharing the vectors (which are not written any more once in a batch, see {@link ColumnVector}).
 */
public final class ColumnBatch {
    /** The number of rows a batch holds by default. */
    public static final int DEFAULT_ROWS = 4096;

    private static final ColumnVector[] NO_COLUMNS = new ColumnVector[0];

    private final int numRows;
    private final ColumnVector[] columns;
    private final int[] selection;
    private final int size;

    private ColumnBatch(int numRows, ColumnVector[] columns, int[] selection, int size) {
        this.numRows = numRows;
        this.columns = columns;
        this.selection = selection;
        this.size = size;
    }

    /**
     * A batch of the first {@code numRows} rows of {@code columns}, all selected. Each column must hold at least
     * {@code numRows} rows. The array is copied; the vectors are not.
     */
    public static ColumnBatch of(int numRows, ColumnVector... columns) {
        if (numRows < 0) {
            throw new IllegalArgumentException("Negative row count " + numRows);
        }
        ColumnVector[] copy = columns.length == 0 ? NO_COLUMNS : columns.clone();
        for (int i = 0; i < copy.length; i++) {
            requireNonNull(copy[i], "column is null");
            if (copy[i].size() < numRows) {
                throw new IllegalArgumentException("Column " + i + " holds " + copy[i].size() + " rows, fewer than the "
                        + numRows + " of the batch");
            }
        }
        return new ColumnBatch(numRows, copy, null, numRows);
    }

    /** Rows physically held, selected or not. */
    public int numRows() {
        return numRows;
    }

    public int numColumns() {
        return columns.length;
    }

    public ColumnVector column(int i) {
        return columns[i];
    }

    /**
     * The physical rows selected, in order, in {@code selection()[0, size())}; null when every row is, in order. Read
     * only: the array may be longer than {@link #size()} and is shared.
     */
    public int[] selection() {
        return selection;
    }

    /** The number of rows selected. */
    public int size() {
        return size;
    }

    /** Whether no row is selected. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The physical row of the {@code k}-th selected row. */
    public int row(int k) {
        return selection == null ? k : selection[k];
    }

    /**
     * A batch of the same vectors selecting the physical rows {@code selection[0, count)}, each below {@link
     * #numRows()} (the selection of this batch, if any, is replaced, not combined). The array is held, not copied:
     * it must not be changed afterwards.
     */
    public ColumnBatch withSelection(int[] selection, int count) {
        requireNonNull(selection, "selection is null");
        if (count < 0 || count > selection.length) {
            throw new IllegalArgumentException(
                    "Selection count " + count + " is out of range for an array of " + selection.length);
        }
        assert validSelection(selection, count) : "a selected row is out of range";
        return new ColumnBatch(numRows, columns, selection, count);
    }

    private boolean validSelection(int[] rows, int count) {
        for (int k = 0; k < count; k++) {
            if (rows[k] < 0 || rows[k] >= numRows) {
                return false;
            }
        }
        return true;
    }

    /** A batch of the columns {@code columns} of this one (in that order; a column may come twice), same rows. */
    public ColumnBatch project(int[] columns) {
        ColumnVector[] projected = new ColumnVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
            projected[i] = this.columns[columns[i]];
        }
        return new ColumnBatch(numRows, projected, selection, size);
    }

    /**
     * A batch of {@code columns} with the rows and the selection of this one; each must hold at least {@link
     * #numRows()} rows.
     */
    public ColumnBatch withColumns(ColumnVector... columns) {
        ColumnBatch checked = of(numRows, columns);
        return new ColumnBatch(numRows, checked.columns, selection, size);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ColumnBatch(")
                .append(size)
                .append(" of ")
                .append(numRows)
                .append(" rows; ");
        String[] types = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = columns[i].type().simpleString();
        }
        return text.append(String.join(", ", Arrays.asList(types))).append(')').toString();
    }
}
