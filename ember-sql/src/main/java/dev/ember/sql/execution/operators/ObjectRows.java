package dev.ember.sql.execution.operators;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Between column batches and rows of internal values, for the operators that call users' functions row by row. */
final class ObjectRows {
    private static final int BATCH_ROWS = 4096;

    private ObjectRows() {}

    /** The selected rows of the batches, each as its columns' internal values. */
    static Iterator<Object[]> rows(Iterator<ColumnBatch> batches) {
        return new Iterator<>() {
            private ColumnBatch batch;
            private int next;

            @Override
            public boolean hasNext() {
                while (batch == null || next >= batch.size()) {
                    if (!batches.hasNext()) {
                        return false;
                    }
                    batch = batches.next();
                    next = 0;
                }
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int row = batch.row(next++);
                Object[] values = new Object[batch.numColumns()];
                for (int c = 0; c < values.length; c++) {
                    ColumnVector vector = batch.column(c);
                    values[c] = vector.isNull(row) ? null : vector.getObject(row);
                }
                return values;
            }
        };
    }

    /** Rows of internal values of {@code types} as batches; a row of the wrong width fails naming {@code what}. */
    static Iterator<ColumnBatch> batches(Iterator<Object[]> rows, List<DataType> types, String what) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BatchBuilder builder = new BatchBuilder(types, BATCH_ROWS);
                while (!builder.isFull() && rows.hasNext()) {
                    Object[] row = rows.next();
                    if (row.length != types.size()) {
                        throw new EmberException(
                                ErrorClass.INTERNAL_ERROR,
                                what + " gave a row of " + row.length + " values for " + types.size() + " columns");
                    }
                    for (int c = 0; c < row.length; c++) {
                        if (row[c] == null) {
                            builder.setNull(c);
                        } else {
                            builder.set(c, row[c]);
                        }
                    }
                    builder.endRow();
                }
                return builder.build();
            }
        };
    }
}
