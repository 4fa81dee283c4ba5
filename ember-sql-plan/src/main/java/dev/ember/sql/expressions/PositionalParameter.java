package dev.ember.sql.expressions;

import java.util.List;

/**
 * {@code ?} in a statement: the value at {@code index} (from 0, in the order the marks appear in the text) of the
 * arguments the session substitutes before analysis.
 */
public record PositionalParameter(int index) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public PositionalParameter {
        if (index < 0) {
            throw new IllegalArgumentException("A parameter index is not negative: " + index);
        }
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public String sql() {
        return "?";
    }

    @Override
    public String toString() {
        return "?" + index;
    }
}
