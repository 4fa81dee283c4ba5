package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.Identifiers;
import java.util.List;

/**
 * {@code OVER w}: a window named in the query's {@code WINDOW} clause. The parser replaces it with the named {@link
 * WindowSpec} when it builds the query, so only an expression parsed on its own still holds one.
 */
public record UnresolvedWindowReference(String name) implements WindowDefinition, Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedWindowReference {
        requireNonNull(name, "name is null");
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
    public String name() {
        return name;
    }

    @Override
    public String sql() {
        return Identifiers.quoteIfNeeded(name);
    }
}
