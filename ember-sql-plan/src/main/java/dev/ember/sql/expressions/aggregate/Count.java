package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code count(a, b, ...)}: the rows where no argument is null; {@code count(*)} has no argument and counts all. */
public record Count(List<Expression> arguments) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    public Count {
        arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Count(children);
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
        for (Expression argument : arguments) {
            if (argument.eval(input) == null) {
                return;
            }
        }
        buffer[0] = (Long) buffer[0] + 1;
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
        return "count";
    }

    @Override
    public String sql() {
        if (arguments.isEmpty()) {
            return "count(1)";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return "count(" + String.join(", ", parts) + ")";
    }
}
