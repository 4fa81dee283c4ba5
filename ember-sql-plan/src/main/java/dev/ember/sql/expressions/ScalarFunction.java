package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A call of a function from the library or a user's function, bound to its implementation by the analyzer. Two calls
 * are equal when they call the same function (by name) on equal arguments with the same result type: the kernel is
 * the function's, so it does not take part.
 *
 * @param name the function's name, in lower case
 * @param arguments the arguments, already cast to the types the function takes
 * @param dataType the result type
 * @param nullIntolerant whether a null argument makes the result null without calling the kernel
 * @param resultNullable whether the kernel may return null for non-null arguments
 * @param deterministic false for functions such as {@code rand()} whose value changes from call to call
 * @param kernel the implementation
 */
public record ScalarFunction(
        String name,
        List<Expression> arguments,
        DataType dataType,
        boolean nullIntolerant,
        boolean resultNullable,
        boolean deterministic,
        ScalarKernel kernel)
        implements Expression {
    private static final long serialVersionUID = 1L;

    public ScalarFunction {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
        requireNonNull(kernel, "kernel is null");
        arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new ScalarFunction(name, children, dataType, nullIntolerant, resultNullable, deterministic, kernel);
    }

    @Override
    public boolean nullable() {
        if (resultNullable || !nullIntolerant) {
            return true;
        }
        for (Expression argument : arguments) {
            if (argument.nullable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean foldable() {
        if (!deterministic) {
            return false;
        }
        for (Expression argument : arguments) {
            if (!argument.foldable()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean deterministic() {
        return deterministic && Expression.super.deterministic();
    }

    @Override
    public Object eval(InternalRow input) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(input);
            if (values[i] == null && nullIntolerant) {
                return null;
            }
        }
        return kernel.apply(values);
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return name + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScalarFunction function
                && function.name.equals(name)
                && function.arguments.equals(arguments)
                && function.dataType.equals(dataType)
                && function.deterministic == deterministic;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arguments, dataType);
    }
}
