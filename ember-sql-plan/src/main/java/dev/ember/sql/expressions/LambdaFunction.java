package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code x -> x + 1} or {@code (acc, x) -> acc + x}: a function passed to a higher-order function such as {@code
 * transform}. Inside {@code body} the parameters are {@link UnresolvedNamedLambdaVariable}s until the analyzer binds
 * them to the elements the higher-order function supplies. It is evaluated only through that function.
 */
public record LambdaFunction(Expression body, List<String> parameterNames) implements Expression {
    private static final long serialVersionUID = 1L;

    public LambdaFunction {
        requireNonNull(body, "body is null");
        parameterNames = List.copyOf(parameterNames);
    }

    @Override
    public List<Expression> children() {
        return List.of(body);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new LambdaFunction(children.get(0), parameterNames);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public DataType dataType() {
        return body.dataType();
    }

    @Override
    public boolean nullable() {
        return body.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "The lambda " + sql() + " is evaluated by its function");
    }

    @Override
    public String sql() {
        String parameters =
                parameterNames.size() == 1 ? parameterNames.get(0) : "(" + String.join(", ", parameterNames) + ")";
        return parameters + " -> " + body.sql();
    }

    @Override
    public String toString() {
        return "lambda " + sql();
    }
}
