package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.List;

/** {@code coalesce(a, b, ...)}: each argument is evaluated only on the rows the earlier ones left null. */
record FirstNonNull(List<VectorExpression> arguments, DataType dataType) implements VectorExpression {
    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        int size = batch.size();
        int[] source = new int[Math.max(1, batch.numRows())];
        java.util.Arrays.fill(source, -1);
        ColumnVector[] vectors = new ColumnVector[arguments.size()];
        int[] open = Rows.selected(batch);
        int openCount = size;
        for (int i = 0; i < arguments.size() && openCount > 0; i++) {
            ColumnVector value = arguments.get(i).evaluate(Rows.restrict(batch, open, openCount));
            vectors[i] = value;
            int[] still = new int[openCount];
            int stillCount = 0;
            for (int j = 0; j < openCount; j++) {
                int row = open[j];
                if (value.isNull(row)) {
                    still[stillCount++] = row;
                } else {
                    source[row] = i;
                }
            }
            open = still;
            openCount = stillCount;
        }
        ColumnVector result = ColumnVectors.allocate(dataType, Math.max(1, batch.numRows()));
        for (int k = 0; k < size; k++) {
            int row = batch.row(k);
            if (source[row] < 0) {
                result.setNull(row);
            } else {
                result.copyFrom(row, vectors[source[row]], row);
            }
        }
        return result;
    }
}
