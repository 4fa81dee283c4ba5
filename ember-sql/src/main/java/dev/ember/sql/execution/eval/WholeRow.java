package dev.ember.sql.execution.eval;

import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression evaluated a row at a time on the input row itself rather than on its children's values: a
 * higher-order function, whose lambda is not a value of its own but is called per element and may read the row's
 * columns. Only the columns the expression reads are taken out of the batch.
 */
final class WholeRow implements VectorExpression {
    private static final long serialVersionUID = 1L;

    private final Expression node;
    private final int[] ordinals;
    private final int width;

    WholeRow(Expression expression) {
        this.node = expression;
        List<Integer> read = new ArrayList<>();
        for (BoundReference reference : Expressions.collect(expression, BoundReference.class)) {
            if (!read.contains(reference.ordinal())) {
                read.add(reference.ordinal());
            }
        }
        this.ordinals = read.stream().mapToInt(Integer::intValue).toArray();
        int max = -1;
        for (int ordinal : ordinals) {
            max = Math.max(max, ordinal);
        }
        this.width = max + 1;
    }

    @Override
    public DataType dataType() {
        return node.dataType();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector result = ColumnVectors.allocate(node.dataType(), Math.max(1, batch.numRows()));
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            Object[] values = new Object[width];
            for (int ordinal : ordinals) {
                ColumnVector column = batch.column(ordinal);
                values[ordinal] = column.isNull(row) ? null : column.getObject(row);
            }
            result.setObject(row, node.eval(InternalRow.of(values)));
        }
        if (result.size() < batch.numRows()) {
            // Rows past the last selected one were not written; the vector must still span the batch.
            result.setNull(batch.numRows() - 1);
        }
        return result;
    }
}
