package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code bool_and(x)} ({@code and} true) or {@code bool_or(x)}: whether all or any of the group's non-null values are
 * true; null for a group of only nulls.
 */
public record BoolAggregate(Expression child, boolean and) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new BoolAggregate(children.get(0), and);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(DataTypes.BooleanType);
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
        boolean truth = (Boolean) value;
        buffer[0] = buffer[0] == null ? truth : and ? (Boolean) buffer[0] && truth : (Boolean) buffer[0] || truth;
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return and ? "bool_and" : "bool_or";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
