package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;

/** A constant, as a vector of the batch's length holding it in every row. */
record Constant(Object value, DataType dataType) implements VectorExpression {
    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        return ColumnVectors.constant(dataType, value, Math.max(1, batch.numRows()));
    }
}
