package dev.ember.sql.plans.logical;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A table-valued function in {@code FROM}, such as {@code range(10)}, before the analyzer finds it. */
public record TableFunctionCall(String name, List<Expression> arguments) implements LeafNode {
    private static final long serialVersionUID = 1L;

    public TableFunctionCall {
        arguments = List.copyOf(arguments);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "The table function " + name + " is not resolved");
    }

    @Override
    public List<Expression> expressions() {
        return arguments;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<Expression> mapped = new ArrayList<>();
        for (Expression argument : arguments) {
            mapped.add(function.apply(argument));
        }
        return new TableFunctionCall(name, mapped);
    }

    @Override
    public String simpleString() {
        return "TableFunctionCall " + name + PlanText.list(arguments);
    }
}
