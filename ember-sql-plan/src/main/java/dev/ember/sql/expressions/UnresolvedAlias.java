package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An expression of a select list that the query gave no name ({@code SELECT a + 1}); once resolved the analyzer names
 * it after its SQL text, as Spark does.
 */
public record UnresolvedAlias(Expression child) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedAlias {
        requireNonNull(child, "child is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new UnresolvedAlias(children.get(0));
    }

    @Override
    public String sql() {
        return child.sql();
    }
}
