package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.util.List;

/** A column read by its position in the input row, as attributes become once bound to an operator's input. */
public record BoundReference(int ordinal, DataType dataType, boolean nullable) implements Expression {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public Object eval(InternalRow input) {
        return input.get(ordinal);
    }

    @Override
    public String sql() {
        return "input[" + ordinal + "]";
    }
}
