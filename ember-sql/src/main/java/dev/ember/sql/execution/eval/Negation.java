package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;

/** {@code NOT x}; null stays null. */
record Negation(VectorExpression child) implements VectorExpression {
    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector value = child.evaluate(batch);
        BooleanVector result = new BooleanVector(Math.max(1, batch.numRows()));
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            if (value.isNull(row)) {
                result.setNull(row);
            } else {
                result.set(row, !value.getBoolean(row));
            }
        }
        return result;
    }
}
