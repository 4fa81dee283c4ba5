package dev.ember.sql.vector;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds batches of a schema a row at a time: whole rows of internal values ({@link #append(Object[])}), rows copied
 * from other batches ({@link #appendFrom}), or one value per column ({@link #set}, {@link #copyFrom}, or writing
 * {@link #vector(int)} directly at row {@link #numRows()}) followed by {@link #endRow()}. When {@link #isFull()},
 * {@link #build()} hands out the batch and starts again on fresh vectors: a batch handed out is never written again.
 *
 * <p>Not thread-safe: one builder is used by one thread.
 */
public final class BatchBuilder {
    private final DataType[] types;
    private final int capacity;
    private ColumnVector[] vectors;
    private int rows;

    /** A builder of batches of {@link ColumnBatch#DEFAULT_ROWS} rows. */
    public BatchBuilder(StructType schema) {
        this(typesOf(schema), ColumnBatch.DEFAULT_ROWS);
    }

    public BatchBuilder(StructType schema, int capacity) {
        this(typesOf(schema), capacity);
    }

    /** A builder of batches of {@link ColumnBatch#DEFAULT_ROWS} rows. */
    public BatchBuilder(List<DataType> types) {
        this(types, ColumnBatch.DEFAULT_ROWS);
    }

    /** A builder of batches of {@code capacity} rows (at least 1) of columns of {@code types}. */
    public BatchBuilder(List<DataType> types, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A batch holds at least one row, not " + capacity);
        }
        this.types = types.toArray(new DataType[0]);
        for (DataType type : this.types) {
            requireNonNull(type, "type is null");
        }
        this.capacity = capacity;
    }

    static List<DataType> typesOf(StructType schema) {
        List<DataType> types = new ArrayList<>(schema.size());
        for (StructField field : schema) {
            types.add(field.dataType());
        }
        return types;
    }

    /** The vectors of the batch being built, made on first use. */
    private ColumnVector[] live() {
        if (vectors == null) {
            vectors = allocate();
        }
        return vectors;
    }

    private ColumnVector[] allocate() {
        ColumnVector[] allocated = new ColumnVector[types.length];
        for (int i = 0; i < types.length; i++) {
            allocated[i] = ColumnVectors.allocate(types[i], capacity);
        }
        return allocated;
    }

    public int numColumns() {
        return types.length;
    }

    /** The rows a batch holds when full. */
    public int capacity() {
        return capacity;
    }

    /** The rows appended since the last {@link #build()}. */
    public int numRows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Whether the batch holds {@link #capacity()} rows: {@link #build()} it before appending more. */
    public boolean isFull() {
        return rows >= capacity;
    }

    /** The vector of column {@code column} being built; the row being written is {@link #numRows()}. */
    public ColumnVector vector(int column) {
        return live()[column];
    }

    /** Appends a row of internal values, one per column (null for null). */
    public void append(Object[] row) {
        if (row.length != types.length) {
            throw new IllegalArgumentException(
                    "A row of " + row.length + " values appended to a batch of " + types.length + " columns");
        }
        checkNotFull();
        for (int i = 0; i < row.length; i++) {
            live()[i].setObject(rows, row[i]);
        }
        rows++;
    }

    /** Appends physical row {@code row} of {@code batch}, which has the columns of this builder. */
    public void appendFrom(ColumnBatch batch, int row) {
        if (batch.numColumns() != types.length) {
            throw new IllegalArgumentException(
                    "A row of " + batch.numColumns() + " columns appended to a batch of " + types.length + " columns");
        }
        checkNotFull();
        for (int i = 0; i < types.length; i++) {
            live()[i].copyFrom(rows, batch.column(i), row);
        }
        rows++;
    }

    /** Writes the internal value {@code value} to column {@code column} of the current row. */
    public void set(int column, Object value) {
        live()[column].setObject(rows, value);
    }

    /** Makes column {@code column} of the current row null. */
    public void setNull(int column) {
        live()[column].setNull(rows);
    }

    /** Copies physical row {@code row} of {@code source} to column {@code column} of the current row. */
    public void copyFrom(int column, ColumnVector source, int row) {
        live()[column].copyFrom(rows, source, row);
    }

    /**
     * Ends the current row, whose columns were each written once by {@link #set}, {@link #setNull}, {@link
     * #copyFrom} or directly on the vectors.
     */
    public void endRow() {
        checkNotFull();
        rows++;
    }

    private void checkNotFull() {
        if (rows >= capacity) {
            throw new IllegalStateException("The batch is full at " + capacity + " rows: build it first");
        }
    }

    /**
     * The batch of the rows appended since the last build (possibly none); the builder starts again on fresh vectors,
     * so the batch is not changed by what is appended afterwards.
     */
    public ColumnBatch build() {
        ColumnVector[] built = live();
        for (ColumnVector vector : built) {
            // A column left unwritten in the last rows is null there, rather than shorter than the batch.
            for (int row = vector.size(); row < rows; row++) {
                vector.setNull(row);
            }
        }
        ColumnBatch batch = ColumnBatch.of(rows, built);
        // The next batch's vectors are made when its first row is written: a builder often ends with a build.
        vectors = null;
        rows = 0;
        return batch;
    }

    /** Drops the rows appended since the last build, keeping the vectors (which no batch holds yet). */
    public void clear() {
        if (vectors == null) {
            rows = 0;
            return;
        }
        for (ColumnVector vector : vectors) {
            vector.reset();
        }
        rows = 0;
    }

    /** A new vector holding the rows {@code rows[0, count)} of {@code source}, in that order. */
    public static ColumnVector gather(ColumnVector source, int[] rows, int count) {
        if (count < 0 || count > rows.length) {
            throw new IllegalArgumentException("Count " + count + " is out of range for an array of " + rows.length);
        }
        return source.gather(rows, count);
    }
}
