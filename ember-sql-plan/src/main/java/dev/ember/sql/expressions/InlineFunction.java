package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.catalog.FunctionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A call of a function the caller holds rather than one the catalog names ({@code functions.udaf(agg).apply(col)}):
 * the analyzer builds it with {@code builder} once its arguments are resolved, as it builds a named call.
 */
public record InlineFunction(String functionName, FunctionBuilder builder, List<Expression> arguments)
        implements Unresolved {
    private static final long serialVersionUID = 1L;

    public InlineFunction {
        requireNonNull(functionName, "functionName is null");
        requireNonNull(builder, "builder is null");
        arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new InlineFunction(functionName, builder, children);
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return functionName + "(" + String.join(", ", parts) + ")";
    }
}
