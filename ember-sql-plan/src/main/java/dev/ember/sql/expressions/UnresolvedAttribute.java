package dev.ember.sql.expressions;

import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;

/** A column named in the query text ({@code a}, {@code t.a}, {@code s.f.g}), not yet bound to a column. */
public record UnresolvedAttribute(List<String> nameParts) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedAttribute {
        nameParts = List.copyOf(nameParts);
        if (nameParts.isEmpty()) {
            throw new IllegalArgumentException("A column name needs at least one part");
        }
    }

    public static UnresolvedAttribute of(String... parts) {
        return new UnresolvedAttribute(List.of(parts));
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
        return String.join(".", nameParts);
    }

    @Override
    public String sql() {
        List<String> quoted = new ArrayList<>();
        for (String part : nameParts) {
            quoted.add(Identifiers.quoteIfNeeded(part));
        }
        return String.join(".", quoted);
    }

    @Override
    public String toString() {
        return "'" + name();
    }
}
