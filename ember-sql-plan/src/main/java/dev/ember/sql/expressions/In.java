package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (list)}: true if the value equals an element; otherwise null if the value or an element is null,
 * else false.
 */
public record In(Expression value, List<Expression> list) implements Expression {
    private static final long serialVersionUID = 1L;

    public In {
        requireNonNull(value, "value is null");
        list = List.copyOf(list);
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(list.size() + 1);
        children.add(value);
        children.addAll(list);
        return children;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new In(children.get(0), children.subList(1, children.size()));
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return children().stream().anyMatch(Expression::nullable);
    }

    @Override
    public boolean foldable() {
        return children().stream().allMatch(Expression::foldable);
    }

    @Override
    public Object eval(InternalRow input) {
        Object needle = value.eval(input);
        if (needle == null) {
            return null;
        }
        boolean sawNull = false;
        for (Expression element : list) {
            Object candidate = element.eval(input);
            if (candidate == null) {
                sawNull = true;
            } else if (Values.equal(needle, candidate, value.dataType())) {
                return true;
            }
        }
        return sawNull ? null : false;
    }

    @Override
    public String sql() {
        List<String> items = new ArrayList<>();
        for (Expression element : list) {
            items.add(element.sql());
        }
        return "(" + value.sql() + " IN (" + String.join(", ", items) + "))";
    }
}
