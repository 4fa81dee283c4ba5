package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A call by name ({@code upper(name)}, {@code count(DISTINCT a)}), before the analyzer finds the function. {@code
 * filter} is an aggregate's {@code FILTER (WHERE ...)}, or null.
 */
public record UnresolvedFunction(String name, List<Expression> arguments, boolean distinct, Expression filter)
        implements Unresolved {
    private static final long serialVersionUID = 1L;

    public UnresolvedFunction {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
    }

    public static UnresolvedFunction of(String name, Expression... arguments) {
        return new UnresolvedFunction(name, List.of(arguments), false, null);
    }

    @Override
    public List<Expression> children() {
        if (filter == null) {
            return arguments;
        }
        List<Expression> children = new ArrayList<>(arguments);
        children.add(filter);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        if (filter == null) {
            return new UnresolvedFunction(name, children, distinct, null);
        }
        return new UnresolvedFunction(
                name, children.subList(0, children.size() - 1), distinct, children.get(children.size() - 1));
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return name + "(" + (distinct ? "DISTINCT " : "") + String.join(", ", parts) + ")"
                + (filter == null ? "" : " FILTER (WHERE " + filter.sql() + ")");
    }
}
