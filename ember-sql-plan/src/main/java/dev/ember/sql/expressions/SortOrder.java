package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * One key of an ordering: {@code child ASC|DESC NULLS FIRST|LAST}. Nulls come first in ascending order and last in
 * descending order unless said otherwise, as in Spark.
 */
public record SortOrder(Expression child, boolean ascending, boolean nullsFirst) implements Expression {
    private static final long serialVersionUID = 1L;

    public SortOrder {
        requireNonNull(child, "child is null");
    }

    public static SortOrder ascending(Expression child) {
        return new SortOrder(child, true, true);
    }

    public static SortOrder descending(Expression child) {
        return new SortOrder(child, false, false);
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new SortOrder(children.get(0), ascending, nullsFirst);
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public boolean nullable() {
        return child.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        return child.eval(input);
    }

    /** Compares two values of the key by this order, nulls placed as it says. */
    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int order = Values.compare(a, b, child.dataType());
        return ascending ? order : -order;
    }

    @Override
    public String sql() {
        return child.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
}
