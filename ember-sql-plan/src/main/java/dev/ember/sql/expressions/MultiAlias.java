package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code explode(m) AS (k, v)}: names for each of the columns a generator in a select list makes. The analyzer
 * consumes it when it moves the generator below the projection; on anything but a generator it is an error.
 */
public record MultiAlias(Expression child, List<String> names) implements Unresolved {
    private static final long serialVersionUID = 1L;

    public MultiAlias {
        requireNonNull(child, "child is null");
        names = List.copyOf(names);
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new MultiAlias(children.get(0), names);
    }

    @Override
    public String sql() {
        return child.sql() + " AS (" + String.join(", ", names) + ")";
    }
}
