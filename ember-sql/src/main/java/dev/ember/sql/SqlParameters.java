package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedParameter;
import dev.ember.sql.expressions.PositionalParameter;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The arguments of a parameterized statement ({@code :name} or {@code ?}) put in place of their markers before
 * analysis, in subqueries too. An argument is a Java value (as {@code lit} takes it) or a constant column; a marker
 * left without an argument fails with its name or position.
 */
final class SqlParameters {
    private SqlParameters() {}

    static LogicalPlan bindNamed(LogicalPlan plan, Map<String, ?> arguments) {
        Map<String, Expression> values = new HashMap<>();
        for (Map.Entry<String, ?> argument : arguments.entrySet()) {
            values.put(argument.getKey(), value(argument.getValue(), ":" + argument.getKey()));
        }
        return bind(plan, expression -> {
            if (expression instanceof NamedParameter parameter) {
                Expression value = values.get(parameter.name());
                if (value == null) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The statement's parameter :" + parameter.name() + " has no argument; the arguments are "
                                    + values.keySet());
                }
                return value;
            }
            if (expression instanceof PositionalParameter) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL, "A statement with named arguments uses ? markers; use :name markers");
            }
            return expression;
        });
    }

    static LogicalPlan bindPositional(LogicalPlan plan, List<?> arguments) {
        List<Expression> values = new java.util.ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            values.add(value(arguments.get(i), "argument " + (i + 1)));
        }
        return bind(plan, expression -> {
            if (expression instanceof PositionalParameter parameter) {
                if (parameter.index() >= values.size()) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The statement has a ? marker number " + (parameter.index() + 1) + " but only "
                                    + values.size() + " argument" + (values.size() == 1 ? "" : "s"));
                }
                return values.get(parameter.index());
            }
            if (expression instanceof NamedParameter parameter) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The statement's parameter :" + parameter.name() + " is named, but the arguments are by"
                                + " position");
            }
            return expression;
        });
    }

    private static LogicalPlan bind(LogicalPlan plan, Function<Expression, Expression> substitute) {
        Function<Expression, Expression> rule = new Function<>() {
            @Override
            public Expression apply(Expression expression) {
                if (expression instanceof SubqueryExpression subquery) {
                    return subquery.withPlan(Plans.transformAllExpressions(subquery.plan(), this));
                }
                return substitute.apply(expression);
            }
        };
        return Plans.transformAllExpressions(plan, expression -> Expressions.transformUp(expression, rule));
    }

    private static Expression value(Object argument, String where) {
        if (argument instanceof Column column) {
            Expression expression = column.expr();
            if (!expression.foldable()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The SQL " + where + " must be a constant, not " + expression.sql());
            }
            return expression;
        }
        return Literal.of(argument);
    }
}
