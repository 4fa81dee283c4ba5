package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/** {@code coalesce(a, b, ...)}: the first argument that is not null, or null. */
public record Coalesce(List<Expression> arguments) implements Expression {
    private static final long serialVersionUID = 1L;

    public Coalesce {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("coalesce needs at least one argument");
        }
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Coalesce(children);
    }

    @Override
    public DataType dataType() {
        return arguments.get(0).dataType();
    }

    @Override
    public boolean nullable() {
        return arguments.stream().allMatch(Expression::nullable);
    }

    @Override
    public boolean foldable() {
        return arguments.stream().allMatch(Expression::foldable);
    }

    @Override
    public Object eval(InternalRow input) {
        for (Expression argument : arguments) {
            Object value = argument.eval(input);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public String sql() {
        List<String> items = new ArrayList<>();
        for (Expression argument : arguments) {
            items.add(argument.sql());
        }
        return "coalesce(" + String.join(", ", items) + ")";
    }
}
