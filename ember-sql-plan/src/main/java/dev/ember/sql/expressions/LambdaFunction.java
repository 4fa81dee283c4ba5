package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code x -> x + 1} or {@code (acc, x) -> acc + x}: a function passed to a higher-order function such as {@code
 * transform}. Inside {@code body} the parameters are {@link UnresolvedNamedLambdaVariable}s until the higher-order
 * function binds them ({@link #bind}) to typed {@link NamedLambdaVariable}s, one per parameter, in {@code variables}.
 * It is evaluated only through that function ({@link #apply}).
 */
public record LambdaFunction(Expression body, List<String> parameterNames, List<NamedLambdaVariable> variables)
        implements Expression {
    private static final long serialVersionUID = 1L;

    public LambdaFunction {
        requireNonNull(body, "body is null");
        parameterNames = List.copyOf(parameterNames);
        variables = List.copyOf(variables);
    }

    /** A lambda as written, its parameters not bound yet. */
    public LambdaFunction(Expression body, List<String> parameterNames) {
        this(body, parameterNames, List.of());
    }

    /** Whether the higher-order function gave the parameters their types. */
    public boolean bound() {
        return variables.size() == parameterNames.size() && !parameterNames.isEmpty();
    }

    /**
     * This lambda with its parameters typed: {@code types} and {@code nullables} give, in order, what each parameter
     * is bound to. A lambda with another number of parameters fails, naming the function that calls it.
     */
    public LambdaFunction bind(String function, List<DataType> types, List<Boolean> nullables) {
        if (parameterNames.size() != types.size()) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The lambda function " + sql() + " of " + function + " takes " + parameterNames.size()
                            + " parameter(s), but " + function + " passes " + types.size());
        }
        List<NamedLambdaVariable> bound = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            bound.add(NamedLambdaVariable.of(parameterNames.get(i), types.get(i), nullables.get(i)));
        }
        Expression newBody = Expressions.transformUp(body, node -> {
            if (node instanceof UnresolvedNamedLambdaVariable variable) {
                for (NamedLambdaVariable candidate : bound) {
                    if (Identifiers.normalize(candidate.name()).equals(Identifiers.normalize(variable.name()))) {
                        return candidate;
                    }
                }
            }
            return node;
        });
        return new LambdaFunction(newBody, parameterNames, bound);
    }

    /** The body's value on {@code input} with the parameters bound to {@code arguments}. */
    public Object apply(InternalRow input, Object... arguments) {
        long[] ids = new long[variables.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = variables.get(i).id();
        }
        return body.eval(input.withLambdaValues(ids, arguments));
    }

    @Override
    public List<Expression> children() {
        return List.of(body);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new LambdaFunction(children.get(0), parameterNames, variables);
    }

    @Override
    public boolean resolved() {
        return bound() && body.resolved();
    }

    /** Never: a lambda has a value only per call, through its function. */
    @Override
    public boolean foldable() {
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
