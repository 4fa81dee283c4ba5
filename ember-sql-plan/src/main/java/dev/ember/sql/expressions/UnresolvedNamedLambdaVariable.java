package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.Identifiers;
import java.util.List;

/** A parameter of a {@link LambdaFunction} used in its body, before the analyzer binds it. */
public record UnresolvedNamedLambdaVariable(String name) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedNamedLambdaVariable {
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

    @Override
    public String toString() {
        return "lambda '" + name;
    }
}
