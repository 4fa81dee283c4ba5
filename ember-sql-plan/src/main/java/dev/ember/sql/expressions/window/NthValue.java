package dev.ember.sql.expressions.window;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code nth_value(input, n[, ignoreNulls])}: {@code input} on the {@code n}-th row (from 1) of the frame, or null when
 * the frame has fewer rows; with {@code ignoreNulls}, the {@code n}-th non-null value. Unlike the ranking functions it
 * follows the frame (with the default frame of an ordered window, it is null until the frame reaches row n).
 */
public record NthValue(Expression input, int n, boolean ignoreNulls) implements WindowFunction {
    private static final long serialVersionUID = 1L;

    public NthValue {
        requireNonNull(input, "input is null");
        if (n <= 0) {
            throw new IllegalArgumentException("nth_value needs a positive n, not " + n);
        }
    }

    @Override
    public boolean orderBased() {
        return false;
    }

    @Override
    public List<Expression> children() {
        return List.of(input);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new NthValue(children.get(0), n, ignoreNulls);
    }

    @Override
    public DataType dataType() {
        return input.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public String prettyName() {
        return "nth_value";
    }

    @Override
    public String sql() {
        return "nth_value(" + input.sql() + ", " + n + (ignoreNulls ? ", true" : "") + ")";
    }
}
