package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.DataType;
import java.util.List;

/** {@code min(x)} or {@code max(x)}: the least or greatest non-null value, null for a group of only nulls. */
public record MinMax(Expression child, boolean max) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new MinMax(children.get(0), max);
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(child.dataType());
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {null};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        offer(buffer, child.eval(input));
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        offer(buffer, other[0]);
    }

    private void offer(Object[] buffer, Object value) {
        if (value == null) {
            return;
        }
        if (buffer[0] == null) {
            buffer[0] = value;
            return;
        }
        int order = Values.compare(value, buffer[0], child.dataType());
        if (max ? order > 0 : order < 0) {
            buffer[0] = value;
        }
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return max ? "max" : "min";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
