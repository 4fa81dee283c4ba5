package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import java.util.List;

/**
 * A parameter of a {@link LambdaFunction} in its body, once the higher-order function that calls the lambda has given
 * it a type: the element, key, value, index or accumulator it is bound to for each call. {@code id} tells apart
 * parameters of the same name in nested lambdas; its value is read from the row's lambda scope ({@link
 * InternalRow#withLambdaValues}).
 */
public record NamedLambdaVariable(String name, DataType dataType, boolean nullable, long id) implements Expression {
    private static final long serialVersionUID = 1L;

    public NamedLambdaVariable {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
    }

    /** A fresh parameter of {@code name}, with an id no other parameter has. */
    public static NamedLambdaVariable of(String name, DataType dataType, boolean nullable) {
        return new NamedLambdaVariable(name, dataType, nullable, ExprId.next().id());
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
    public Object eval(InternalRow input) {
        return input.lambdaValue(id);
    }

    @Override
    public String sql() {
        return Identifiers.quoteIfNeeded(name);
    }

    @Override
    public String toString() {
        return "lambda " + name + "#" + id;
    }
}
