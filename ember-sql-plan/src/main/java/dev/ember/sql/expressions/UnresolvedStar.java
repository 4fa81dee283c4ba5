package dev.ember.sql.expressions;

import java.util.List;

/** {@code *} or {@code t.*} in a select list: every column, or every column of one relation. */
public record UnresolvedStar(List<String> qualifier) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedStar {
        qualifier = List.copyOf(qualifier);
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
        return qualifier.isEmpty() ? "*" : String.join(".", qualifier) + ".*";
    }
}
