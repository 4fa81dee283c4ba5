package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;

/**
 * A constant, as a vector of the batch's length holding it in every row. The vector of the last length asked for is
 * kept and handed out again (vectors are read-only once handed out), since most batches of a scan have the same length.
 */
final class Constant implements VectorExpression {
    private static final long serialVersionUID = 1L;

    private final Object value;
    private final DataType dataType;

    /** The last vector made; written whole before it is published, and replaced, never changed. */
    private transient volatile ColumnVector last;

    Constant(Object value, DataType dataType) {
        this.value = value;
        this.dataType = dataType;
    }

    Object value() {
        return value;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        int rows = Math.max(1, batch.numRows());
        ColumnVector vector = last;
        if (vector == null || vector.size() != rows) {
            vector = ColumnVectors.constant(dataType, value, rows);
            last = vector;
        }
        return vector;
    }

    @Override
    public String toString() {
        return "Constant[" + value + ": " + dataType.simpleString() + "]";
    }
}
