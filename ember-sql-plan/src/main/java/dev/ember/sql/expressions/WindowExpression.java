package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code function OVER window}: a window function ({@code rank()}) or an aggregate ({@code sum(x)}) computed over the
 * rows of a window rather than over a group. It has the type of its function; it is computed by a window operator,
 * never row by row, so {@link #eval} fails.
 */
public record WindowExpression(Expression function, WindowDefinition window) implements Expression {
    private static final long serialVersionUID = 1L;

    public WindowExpression {
        requireNonNull(function, "function is null");
        requireNonNull(window, "window is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(function, window);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new WindowExpression(children.get(0), (WindowDefinition) children.get(1));
    }

    @Override
    public boolean resolved() {
        return function.resolved() && window.resolved();
    }

    @Override
    public DataType dataType() {
        return function.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The window expression " + sql() + " is computed by a window operator");
    }

    @Override
    public String sql() {
        return function.sql() + " OVER " + window.sql();
    }

    @Override
    public String toString() {
        return sql();
    }
}
