package dev.ember.sql.execution.operators;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a hash join's build side, copied into chunks of one vector per column: row r is row r - chunkStart[i]
 * of the chunk i it falls in. Nearly always one chunk; a new one starts before a chunk's strings pass {@link
 * #CHUNK_BYTES} or its rows the chunk size ({@link #CHUNK_ROWS} but in tests), so no vector approaches its 2 GiB
 * limit. Written by the task that builds the join, then only read, by every task probing it.
 */
final class BuildRows {
    static final long CHUNK_BYTES = 256L << 20;
    static final int CHUNK_ROWS = 1 << 24;

    private final List<ColumnVector[]> chunks = new ArrayList<>();
    private int[] chunkStart = new int[4];
    private final List<DataType> types;
    /** The rows expected when known (0 otherwise), so that the first chunk is made that size. */
    private final int expectedRows;

    private final int chunkRows;
    private int size;

    BuildRows(List<DataType> types, int expectedRows, int chunkRows) {
        this.types = types;
        this.expectedRows = expectedRows;
        this.chunkRows = chunkRows;
    }

    /** Copies the selected rows of a build batch to the end of the build columns, a column at a time. */
    void append(ColumnBatch batch) {
        int adding = batch.size();
        if (chunks.isEmpty() || chunkFull(adding)) {
            startChunk(Math.max(adding, Math.max(ColumnBatch.DEFAULT_ROWS, Math.min(CHUNK_ROWS, expectedRows - size))));
        }
        ColumnVector[] columns = chunks.get(chunks.size() - 1);
        int start = size - chunkStart[chunks.size() - 1];
        for (int c = 0; c < columns.length; c++) {
            ColumnVector target = columns[c];
            if (target.capacity() < start + adding) {
                target.ensureCapacity(Math.max(start + adding, target.capacity() * 2));
            }
            ColumnVector source = batch.column(c);
            for (int k = 0; k < adding; k++) {
                int row = batch.row(k);
                if (source.isNull(row)) {
                    target.setNull(start + k);
                } else {
                    target.copyFrom(start + k, source, row);
                }
            }
        }
        size += adding;
    }

    private boolean chunkFull(int adding) {
        ColumnVector[] columns = chunks.get(chunks.size() - 1);
        if (size - chunkStart[chunks.size() - 1] + adding > chunkRows) {
            return true;
        }
        for (ColumnVector column : columns) {
            if (column instanceof BytesVector bytes && bytes.dataLength() > CHUNK_BYTES) {
                return true;
            }
        }
        return false;
    }

    private void startChunk(int capacity) {
        ColumnVector[] columns = new ColumnVector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnVectors.allocate(types.get(c), capacity);
        }
        if (chunks.size() == chunkStart.length) {
            chunkStart = Arrays.copyOf(chunkStart, chunkStart.length * 2);
        }
        chunkStart[chunks.size()] = size;
        chunks.add(columns);
    }

    /** Column {@code column} of the build rows {@code rows[0, count)}, in that order. */
    ColumnVector gather(int column, int[] rows, int count) {
        if (chunks.size() == 1) {
            return BatchBuilder.gather(chunks.get(0)[column], rows, count);
        }
        ColumnVector out = ColumnVectors.allocate(types.get(column), count);
        for (int i = 0; i < count; i++) {
            int chunk = Arrays.binarySearch(chunkStart, 0, chunks.size(), rows[i]);
            chunk = chunk >= 0 ? chunk : -chunk - 2;
            ColumnVector source = chunks.get(chunk)[column];
            int row = rows[i] - chunkStart[chunk];
            if (source.isNull(row)) {
                out.setNull(i);
            } else {
                out.copyFrom(i, source, row);
            }
        }
        return out;
    }
}
