package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;

/**
 * {@code AND} ({@code and} true) or {@code OR}, with three-valued logic. The right side is evaluated only on the rows
 * the left side does not decide (not false for AND, not true for OR), so a guard on the left protects the right.
 */
record Conjunction(VectorExpression left, VectorExpression right, boolean and) implements VectorExpression {
    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector l = left.evaluate(batch);
        int size = batch.size();
        int[] undecided = new int[size];
        int count = 0;
        BooleanVector result = new BooleanVector(Math.max(1, batch.numRows()));
        boolean decisive = !and; // AND is decided by false, OR by true
        for (int k = 0; k < size; k++) {
            int row = batch.row(k);
            if (!l.isNull(row) && l.getBoolean(row) == decisive) {
                result.set(row, decisive);
            } else {
                undecided[count++] = row;
            }
        }
        if (count == 0) {
            return result;
        }
        ColumnVector r = right.evaluate(Rows.restrict(batch, undecided, count));
        for (int i = 0; i < count; i++) {
            int row = undecided[i];
            boolean leftNull = l.isNull(row);
            if (!r.isNull(row) && r.getBoolean(row) == decisive) {
                result.set(row, decisive);
            } else if (leftNull || r.isNull(row)) {
                result.setNull(row);
            } else {
                result.set(row, !decisive);
            }
        }
        return result;
    }
}
