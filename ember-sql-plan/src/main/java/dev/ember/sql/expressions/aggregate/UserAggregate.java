package dev.ember.sql.expressions.aggregate;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * A user's aggregate function ({@code Aggregator} registered with {@code functions.udaf}): {@code logic} folds the
 * arguments' values into a buffer of {@code bufferType} and finishes it into a value of {@code dataType}. Buffers hold
 * internal values, so partial aggregates travel through exchanges like any other.
 */
public record UserAggregate(
        String name, List<Expression> arguments, Logic logic, DataType bufferType, DataType dataType)
        implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    /** What the executing half gives: the aggregator and the conversions around it, on internal values. */
    public interface Logic extends Serializable {
        Object zero();

        Object reduce(Object buffer, Object[] arguments);

        Object merge(Object buffer, Object other);

        Object finish(Object buffer);
    }

    public UserAggregate {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
        requireNonNull(logic, "logic is null");
        requireNonNull(bufferType, "bufferType is null");
        requireNonNull(dataType, "dataType is null");
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new UserAggregate(name, children, logic, bufferType, dataType);
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(bufferType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {logic.zero()};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(input);
        }
        buffer[0] = logic.reduce(buffer[0], values);
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        buffer[0] = logic.merge(buffer[0], other[0]);
    }

    @Override
    public Object result(Object[] buffer) {
        return logic.finish(buffer[0]);
    }

    @Override
    public String sql() {
        List<String> parts = new java.util.ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return name + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public boolean deterministic() {
        return false;
    }
}
