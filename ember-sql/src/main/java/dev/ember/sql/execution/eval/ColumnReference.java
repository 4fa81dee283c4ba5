package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;

/** A column of the input, returned as it is: no copy. */
record ColumnReference(int ordinal, DataType dataType) implements VectorExpression {
    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        return batch.column(ordinal);
    }
}
