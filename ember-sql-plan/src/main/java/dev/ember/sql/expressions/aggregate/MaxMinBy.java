package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code max_by(x, y)} or {@code min_by(x, y)}: the value of {@code x} on the row where {@code y} is greatest or
 * least (rows where {@code y} is null are skipped; of equal {@code y}s the first met wins). The buffer is the value and
 * its ordering value.
 */
public record MaxMinBy(Expression value, Expression ordering, boolean max) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(value, ordering);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new MaxMinBy(children.get(0), children.get(1), max);
    }

    @Override
    public DataType dataType() {
        return value.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(value.dataType(), ordering.dataType());
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {null, null};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        offer(buffer, value.eval(input), ordering.eval(input));
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        offer(buffer, other[0], other[1]);
    }

    private void offer(Object[] buffer, Object candidate, Object order) {
        if (order == null) {
            return;
        }
        if (buffer[1] != null) {
            int comparison = Values.compare(order, buffer[1], ordering.dataType());
            if (max ? comparison <= 0 : comparison >= 0) {
                return;
            }
        }
        buffer[0] = candidate;
        buffer[1] = order;
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return max ? "max_by" : "min_by";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + value.sql() + ", " + ordering.sql() + ")";
    }
}
