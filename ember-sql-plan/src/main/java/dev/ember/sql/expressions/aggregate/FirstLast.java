package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code first(x [, ignoreNulls])} or {@code last(...)}: the first or last value the group's rows give, in the order
 * they arrive (which, as in Spark, is not deterministic across partitions unless the input is sorted).
 */
public record FirstLast(Expression child, boolean last, boolean ignoreNulls) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new FirstLast(children.get(0), last, ignoreNulls);
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
        return List.of(child.dataType(), DataTypes.BooleanType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {null, false};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        offer(buffer, child.eval(input), true);
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        offer(buffer, other[0], (Boolean) other[1]);
    }

    private void offer(Object[] buffer, Object value, boolean present) {
        if (!present || (ignoreNulls && value == null)) {
            return;
        }
        if (last || !(Boolean) buffer[1]) {
            buffer[0] = value;
            buffer[1] = true;
        }
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return last ? "last" : "first";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + (ignoreNulls ? ") IGNORE NULLS" : ")");
    }
}
