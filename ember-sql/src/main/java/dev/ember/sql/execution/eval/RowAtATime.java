package dev.ember.sql.execution.eval;

import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Any expression without a loop of its own: its children are evaluated as vectors, then for each row the expression's
 * reference semantics ({@link Expression#eval}) run on the children's values. A null-intolerant function skips rows
 * with a null argument without calling its kernel.
 */
final class RowAtATime implements VectorExpression {
    private static final long serialVersionUID = 1L;

    private final Expression node;
    private final List<VectorExpression> children;
    private final boolean nullIntolerant;

    RowAtATime(Expression expression, List<VectorExpression> children) {
        List<Expression> slots = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Expression child = expression.children().get(i);
            slots.add(new BoundReference(i, child.dataType(), child.nullable()));
        }
        this.node = expression.withChildren(slots);
        this.children = List.copyOf(children);
        this.nullIntolerant = expression instanceof ScalarFunction function && function.nullIntolerant();
    }

    @Override
    public DataType dataType() {
        return node.dataType();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector[] inputs = new ColumnVector[children.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = children.get(i).evaluate(batch);
        }
        ColumnVector result = ColumnVectors.allocate(node.dataType(), Math.max(1, batch.numRows()));
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            Object[] values = new Object[inputs.length];
            boolean anyNull = false;
            for (int i = 0; i < inputs.length; i++) {
                values[i] = inputs[i].isNull(row) ? null : inputs[i].getObject(row);
                anyNull |= values[i] == null;
            }
            if (anyNull && nullIntolerant) {
                result.setNull(row);
                continue;
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
