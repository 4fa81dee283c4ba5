package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.GroupingFunction;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.generators.Generator;
import dev.ember.sql.expressions.window.WindowFunction;
import dev.ember.sql.plans.logical.BoundGenerate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Window;

/**
 * The checks of window functions, generators and grouping functions on one resolved node: window expressions only in
 * select lists (where they became {@link Window} nodes), window functions only with OVER, generators only in a select
 * list or a LATERAL VIEW, {@code grouping()} only with grouping sets.
 */
final class CheckAnalytics {
    private CheckAnalytics() {}

    static void check(LogicalPlan plan) {
        for (Expression expression : plan.expressions()) {
            if (plan instanceof Window window) {
                checkWindowNode(expression, window);
            } else {
                for (WindowExpression windowExpression : Expressions.collect(expression, WindowExpression.class)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The window expression " + windowExpression.sql() + " cannot be used in "
                                    + plan.simpleString() + "; window functions belong in the select list");
                }
                checkWindowFunctions(expression);
            }
            boolean ownGenerator = plan instanceof BoundGenerate generate && expression == generate.generator();
            for (Expression part : ownGenerator ? expression.children() : java.util.List.of(expression)) {
                for (Generator generator : Expressions.collect(part, Generator.class)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The generator " + generator.sql() + " can only be used alone in a select list without"
                                    + " GROUP BY, or in a LATERAL VIEW");
                }
            }
            for (GroupingFunction function : Expressions.collect(expression, GroupingFunction.class)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        function.sql() + " can only be used with GROUP BY ROLLUP, CUBE or GROUPING SETS");
            }
        }
    }

    private static void checkWindowNode(Expression expression, Window window) {
        for (WindowExpression windowExpression : Expressions.collect(expression, WindowExpression.class)) {
            for (Expression input : WindowExpressions.windowedInputs(windowExpression)) {
                if (Expressions.anyMatch(input, AggregateExpression.class::isInstance)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The window expression " + windowExpression.sql() + " reads an aggregate, which needs a"
                                    + " GROUP BY or an aggregate select list");
                }
                checkWindowFunctions(input);
            }
        }
        if (!(expression instanceof dev.ember.sql.expressions.Alias) && !(expression instanceof WindowExpression)) {
            checkWindowFunctions(expression);
        }
    }

    /** A window function anywhere in {@code expression} but as the function of a window expression is an error. */
    private static void checkWindowFunctions(Expression expression) {
        if (expression instanceof WindowExpression window) {
            for (Expression input : WindowExpressions.windowedInputs(window)) {
                checkWindowFunctions(input);
            }
            return;
        }
        if (expression instanceof WindowFunction function) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The window function " + function.sql() + " needs OVER: " + function.prettyName()
                            + "() OVER (ORDER BY ...)");
        }
        for (Expression child : expression.children()) {
            checkWindowFunctions(child);
        }
    }
}
