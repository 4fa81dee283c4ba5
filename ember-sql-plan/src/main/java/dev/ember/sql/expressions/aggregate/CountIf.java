package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code count_if(condition)}: the number of the group's rows where the condition is true (0 for none). */
public record CountIf(Expression child) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new CountIf(children.get(0));
    }

    @Override
    public DataType dataType() {
        return DataTypes.LongType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(DataTypes.LongType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {0L};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        if (Boolean.TRUE.equals(child.eval(input))) {
            buffer[0] = (Long) buffer[0] + 1;
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        buffer[0] = (Long) buffer[0] + (Long) other[0];
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return "count_if";
    }

    @Override
    public String sql() {
        return "count_if(" + child.sql() + ")";
    }
}
