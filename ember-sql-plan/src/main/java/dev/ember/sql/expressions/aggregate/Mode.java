package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mode(x)}: the most frequent non-null value of the group; among values equally frequent, the least, so that the
 * answer does not depend on the order rows arrive in. The buffer holds the values seen.
 */
public record Mode(Expression child) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Mode(children.get(0));
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
        return List.of(new ArrayType(child.dataType(), false));
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
        Map<Object, Long> counts = new HashMap<>();
        Map<Object, Object> originals = new HashMap<>();
        for (Object value : (List<?>) buffer[0]) {
            Object key = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
            counts.merge(key, 1L, Long::sum);
            originals.putIfAbsent(key, value);
        }
        Object best = null;
        long bestCount = 0;
        for (Map.Entry<Object, Long> entry : counts.entrySet()) {
            Object value = originals.get(entry.getKey());
            long count = entry.getValue();
            if (count > bestCount || (count == bestCount && Values.compare(value, best, child.dataType()) < 0)) {
                best = value;
                bestCount = count;
            }
        }
        return best;
    }

    @Override
    public String prettyName() {
        return "mode";
    }

    @Override
    public String sql() {
        return "mode(" + child.sql() + ")";
    }
}
