package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code (PARTITION BY p ORDER BY o frame)}: the window of a window function. {@code frame} is null when the query
 * gave none; the analyzer then applies Spark's default (the whole partition without ORDER BY, else RANGE BETWEEN
 * UNBOUNDED PRECEDING AND CURRENT ROW). Its children are the partition keys, the sort orders and the frame's offset
 * expressions, in that order. It is no value of its own: it has no type and cannot be evaluated.
 */
public record WindowSpec(List<Expression> partitionBy, List<SortOrder> orderBy, WindowFrame frame)
        implements WindowDefinition {
    private static final long serialVersionUID = 1L;

    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(partitionBy);
        children.addAll(orderBy);
        if (frame != null) {
            if (frame.lower().offset() != null) {
                children.add(frame.lower().offset());
            }
            if (frame.upper().offset() != null) {
                children.add(frame.upper().offset());
            }
        }
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        Iterator<Expression> it = children.iterator();
        List<Expression> partitions = new ArrayList<>();
        for (int i = 0; i < partitionBy.size(); i++) {
            partitions.add(it.next());
        }
        List<SortOrder> orders = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            orders.add((SortOrder) it.next());
        }
        return new WindowSpec(partitions, orders, frame == null ? null : frame.withOffsets(it));
    }

    @Override
    public DataType dataType() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "A window specification has no type");
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "A window specification cannot be evaluated");
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        if (!partitionBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (Expression key : partitionBy) {
                keys.add(key.sql());
            }
            parts.add("PARTITION BY " + String.join(", ", keys));
        }
        if (!orderBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (SortOrder key : orderBy) {
                keys.add(key.sql());
            }
            parts.add("ORDER BY " + String.join(", ", keys));
        }
        if (frame != null) {
            parts.add(frame.sql());
        }
        return "(" + String.join(" ", parts) + ")";
    }

    @Override
    public String toString() {
        return sql();
    }
}
