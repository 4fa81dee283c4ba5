package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code :name} in a statement: a value the session substitutes before analysis. */
public record NamedParameter(String name) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public NamedParameter {
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
        return ":" + name;
    }
}
