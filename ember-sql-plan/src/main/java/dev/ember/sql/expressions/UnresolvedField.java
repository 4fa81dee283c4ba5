package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.Identifiers;
import java.util.List;

/**
 * {@code expr.f} where {@code expr} is not a plain name ({@code a[0].f}, {@code func(x).f}): a field of a struct value
 * taken by name, until the analyzer knows the struct's type and makes it a {@link GetField}. A dotted name such as
 * {@code a.b.c} is an {@link UnresolvedAttribute} instead, since which part names a column is known only then.
 */
public record UnresolvedField(Expression child, String fieldName) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedField {
        requireNonNull(child, "child is null");
        requireNonNull(fieldName, "fieldName is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new UnresolvedField(children.get(0), fieldName);
    }

    @Override
    public String name() {
        return fieldName;
    }

    @Override
    public String sql() {
        return child.sql() + "." + Identifiers.quoteIfNeeded(fieldName);
    }
}
