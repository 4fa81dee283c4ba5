package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;

/** {@code x IS NULL} ({@code isNull} true) or {@code x IS NOT NULL}; never null itself. */
record NullTest(VectorExpression child, boolean isNull) implements VectorExpression {
    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector value = child.evaluate(batch);
        BooleanVector result = new BooleanVector(Math.max(1, batch.numRows()));
        boolean mayHaveNulls = value.mayHaveNulls();
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            result.set(row, (mayHaveNulls && value.isNull(row)) == isNull);
        }
        return result;
    }
}
