package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * A stand-in used only to write a column's automatic name: {@code text} where an expression of {@code dataType} was,
 * such as a literal written as Spark's names write it ({@code x} for {@code 'x'}, {@code 10} for {@code 10L}). Never
 * part of a plan that is evaluated.
 */
record PrettyText(String text, DataType dataType) implements Expression {
    private static final long serialVersionUID = 1L;

    PrettyText {
        requireNonNull(text, "text is null");
        requireNonNull(dataType, "dataType is null");
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
    public boolean nullable() {
        return true;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "A column name's text is not evaluated: " + text);
    }

    @Override
    public String sql() {
        return text;
    }
}
