package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code string_agg(x, delimiter)} (also {@code listagg}): the group's non-null strings joined by a constant {@code
 * delimiter}, null for no strings. The order is the order rows arrive in, which a query does not fix.
 */
public record StringAgg(Expression child, String delimiter, String name) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new StringAgg(children.get(0), delimiter, name);
    }

    @Override
    public DataType dataType() {
        return DataTypes.StringType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new ArrayType(DataTypes.StringType, false));
    }

    @Override
    public Object[] newBuffer() {
        return CollectedValues.newBuffer();
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value != null) {
            CollectedValues.add(buffer, value);
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        CollectedValues.addAll(buffer, other);
    }

    @Override
    public Object result(Object[] buffer) {
        List<?> values = (List<?>) buffer[0];
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                joined.append(delimiter);
            }
            joined.append(values.get(i));
        }
        return joined.toString();
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public String sql() {
        return name + "(" + child.sql() + ", '" + delimiter.replace("'", "\\'") + "')";
    }
}
