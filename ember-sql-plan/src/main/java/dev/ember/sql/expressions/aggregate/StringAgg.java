package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code string_agg(x, delimiter)} (also {@code listagg}): the group's non-null strings joined by a constant {@code
 * delimiter}, null for no strings. Without {@code order} the strings come in the order rows arrive in, which a query
 * does not fix; with it ({@code listagg(x, ',') WITHIN GROUP (ORDER BY k DESC)}) each string is kept with its key
 * and the strings are joined in the key's order.
 */
public record StringAgg(Expression child, String delimiter, String name, SortOrder order) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    public StringAgg(Expression child, String delimiter, String name) {
        this(child, delimiter, name, null);
    }

    @Override
    public List<Expression> children() {
        return order == null ? List.of(child) : List.of(child, order.child());
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        SortOrder newOrder =
                order == null ? null : new SortOrder(children.get(1), order.ascending(), order.nullsFirst());
        return new StringAgg(children.get(0), delimiter, name, newOrder);
    }

    @Override
    public DataType dataType() {
        return DataTypes.StringType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    /** The strings, or with an order the (key, string) pairs, as an array that partial aggregation can exchange. */
    @Override
    public List<DataType> bufferTypes() {
        if (order == null) {
            return List.of(new ArrayType(DataTypes.StringType, false));
        }
        StructType pair = new StructType(List.of(
                new StructField("key", order.child().dataType(), true),
                new StructField("value", DataTypes.StringType, false)));
        return List.of(new ArrayType(pair, false));
    }

    @Override
    public Object[] newBuffer() {
        return CollectedValues.newBuffer();
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return;
        }
        CollectedValues.add(
                buffer, order == null ? value : new Object[] {order.child().eval(input), value});
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        CollectedValues.addAll(buffer, other);
    }

    @Override
    public Object result(Object[] buffer) {
        List<?> values = CollectedValues.values(buffer);
        if (values.isEmpty()) {
            return null;
        }
        List<Object> strings = new ArrayList<>(values);
        if (order != null) {
            strings.sort((a, b) -> order.compare(((Object[]) a)[0], ((Object[]) b)[0]));
            strings.replaceAll(pair -> ((Object[]) pair)[1]);
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < strings.size(); i++) {
            if (i > 0) {
                joined.append(delimiter);
            }
            joined.append(strings.get(i));
        }
        return joined.toString();
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public String sql() {
        return name + "(" + child.sql() + ", '" + delimiter.replace("'", "\\'") + "')"
                + (order == null ? "" : " WITHIN GROUP (ORDER BY " + order.sql() + ")");
    }
}
