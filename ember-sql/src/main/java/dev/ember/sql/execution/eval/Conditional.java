package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.List;

/**
 * {@code CASE WHEN}: each condition is evaluated on the rows no earlier branch took, and each value on the rows its
 * condition took, so no branch sees a row it would not have seen one row at a time.
 */
record Conditional(
        List<VectorExpression> conditions, List<VectorExpression> values, VectorExpression elseValue, DataType dataType)
        implements VectorExpression {
    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector result = ColumnVectors.allocate(dataType, Math.max(1, batch.numRows()));
        // Rows are written in ascending order per branch; collect them first so writes go in row order overall.
        int size = batch.size();
        int[] remaining = Rows.selected(batch);
        int remainingCount = size;
        int[] branchOf = new int[Math.max(1, batch.numRows())];
        ColumnVector[] branchValues = new ColumnVector[conditions.size() + 1];
        for (int branch = 0; branch < conditions.size() && remainingCount > 0; branch++) {
            ColumnBatch open = Rows.restrict(batch, remaining, remainingCount);
            ColumnVector condition = conditions.get(branch).evaluate(open);
            int[] taken = new int[remainingCount];
            int takenCount = 0;
            int[] rest = new int[remainingCount];
            int restCount = 0;
            for (int i = 0; i < remainingCount; i++) {
                int row = remaining[i];
                if (!condition.isNull(row) && condition.getBoolean(row)) {
                    taken[takenCount++] = row;
                    branchOf[row] = branch;
                } else {
                    rest[restCount++] = row;
                }
            }
            if (takenCount > 0) {
                branchValues[branch] = values.get(branch).evaluate(Rows.restrict(batch, taken, takenCount));
            }
            remaining = rest;
            remainingCount = restCount;
        }
        int elseBranch = conditions.size();
        if (remainingCount > 0) {
            for (int i = 0; i < remainingCount; i++) {
                branchOf[remaining[i]] = elseBranch;
            }
            branchValues[elseBranch] = elseValue.evaluate(Rows.restrict(batch, remaining, remainingCount));
        }
        for (int k = 0; k < size; k++) {
            int row = batch.row(k);
            ColumnVector source = branchValues[branchOf[row]];
            if (source.isNull(row)) {
                result.setNull(row);
            } else {
                result.copyFrom(row, source, row);
            }
        }
        return result;
    }
}
