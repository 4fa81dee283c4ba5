package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code collect_list(x)} or {@code collect_set(x)}: the group's non-null values as an array (distinct for a set). */
public record Collect(Expression child, boolean set) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Collect(children.get(0), set);
    }

    @Override
    public DataType dataType() {
        return new ArrayType(child.dataType(), false);
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(dataType());
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {new ArrayList<>()};
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value != null) {
            ((List<Object>) buffer[0]).add(value);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void merge(Object[] buffer, Object[] other) {
        List<Object> mine = (List<Object>) buffer[0];
        if (!(mine instanceof ArrayList)) {
            mine = new ArrayList<>(mine);
            buffer[0] = mine;
        }
        mine.addAll((List<Object>) other[0]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object result(Object[] buffer) {
        List<Object> values = (List<Object>) buffer[0];
        return set ? new ArrayList<>(new LinkedHashSet<>(values)) : values;
    }

    @Override
    public String prettyName() {
        return set ? "collect_set" : "collect_list";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
