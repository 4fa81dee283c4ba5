package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.Suggestions;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.Identifiers;
import java.util.List;

/**
 * Binds calls to functions of the registry once their arguments are resolved. An aggregate function becomes an
 * {@link AggregateExpression} carrying the call's {@code DISTINCT} and {@code FILTER}; {@code count(*)} counts rows. An
 * unknown name fails at once, with the closest names the registry has.
 */
final class ResolveFunctions implements dev.ember.sql.rules.Rule {
    private final AnalysisContext context;

    private final CoerceTypes coercion;

    ResolveFunctions(AnalysisContext context) {
        this.context = requireNonNull(context, "context is null");
        this.coercion = new CoerceTypes(context);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformAllExpressions(plan, this::resolveCall);
    }

    /** Every call in {@code expression} whose arguments are resolved, bound. */
    Expression resolve(Expression expression) {
        return dev.ember.sql.expressions.Expressions.transformUp(expression, this::resolveCall);
    }

    private Expression resolveCall(Expression expression) {
        {
            if (expression instanceof dev.ember.sql.expressions.InlineFunction inline) {
                if (!inline.arguments().stream().allMatch(Expression::resolved)) {
                    return inline;
                }
                List<Expression> arguments = new java.util.ArrayList<>();
                for (Expression argument : inline.arguments()) {
                    arguments.add(coercion.coerceTree(argument));
                }
                Expression bound = inline.builder().build(arguments, context.functionContext());
                return bound instanceof AggregateFunction aggregate
                        ? new AggregateExpression(aggregate, false, null, ExprId.next())
                        : bound;
            }
            if (!(expression instanceof UnresolvedFunction call)) {
                return expression;
            }
            if (ResolveReferences.isCountStar(call)) {
                return new AggregateExpression(new Count(List.of()), false, call.filter(), ExprId.next());
            }
            FunctionInfo info = context.catalog()
                    .functions()
                    .lookup(call.name())
                    .orElseThrow(() -> new EmberException(
                            ErrorClass.UNRESOLVED_ROUTINE,
                            "The function " + Identifiers.quote(call.name()) + " cannot be found"
                                    + Suggestions.didYouMean(
                                            call.name(),
                                            context.catalog().functions().names())
                                    + ". SHOW FUNCTIONS lists them all"));
            boolean higherOrder = info.kind() == FunctionInfo.Kind.HIGHER_ORDER;
            for (Expression argument : call.arguments()) {
                if (argument instanceof LambdaFunction lambda && !higherOrder) {
                    throw new EmberException(
                            ErrorClass.DATATYPE_MISMATCH,
                            "The function " + call.name() + " does not take a lambda function, but was given "
                                    + lambda.sql() + "; functions that do: transform, filter, exists, forall,"
                                    + " aggregate, zip_with, map_filter, transform_keys, transform_values, array_sort");
                }
            }
            // A higher-order function is built once its other arguments are resolved: it types its lambdas'
            // parameters, and the lambdas' bodies are resolved after that.
            if (!call.arguments().stream()
                            .allMatch(argument -> argument.resolved()
                                    || (higherOrder && argument instanceof LambdaFunction lambda && !lambda.bound()))
                    || (call.filter() != null && !call.filter().resolved())) {
                return call;
            }
            // The builder picks its kernel and result type from the arguments' types, so it must see them with their
            // implicit casts (1 + 1L is a BIGINT only once 1 is cast).
            List<Expression> arguments = new java.util.ArrayList<>();
            for (Expression argument : call.arguments()) {
                arguments.add(argument instanceof LambdaFunction ? argument : coercion.coerceTree(argument));
            }
            Expression bound = info.builder().build(arguments, context.functionContext());
            if (bound instanceof AggregateFunction aggregate) {
                return new AggregateExpression(aggregate, call.distinct(), call.filter(), ExprId.next());
            }
            if (call.distinct() || call.filter() != null) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "DISTINCT and FILTER apply to aggregate functions only, and " + call.name() + " is not one: "
                                + call.sql());
            }
            return bound;
        }
    }
}
