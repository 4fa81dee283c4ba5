package dev.ember.connect.planner;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.Expression.ExprTypeCase;
import dev.ember.sql.Column;
import dev.ember.sql.Dataset;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.Row;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.MultiAlias;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedField;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedNamedLambdaVariable;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The protocol's unresolved expressions as the engine's, resolved later with the plan they sit in. Operators arrive
 * as functions named by their symbol ({@code ==}, {@code +}, {@code and}); they become the expressions the Dataset
 * API builds for the same operators, so a column means the same from a thin client as from Java.
 */
final class ExpressionTranslator {
    private final PlanTranslator plans;

    ExpressionTranslator(PlanTranslator plans) {
        this.plans = plans;
    }

    /** {@code expression} over {@code input} (null where there is none, as in a SQL argument). */
    Expression translate(dev.ember.connect.proto.Expression expression, Dataset<Row> input) {
        ExprTypeCase kind = expression.getExprTypeCase();
        return switch (kind) {
            case LITERAL -> Literals.toLiteral(expression.getLiteral());
            case UNRESOLVED_ATTRIBUTE -> attribute(expression.getUnresolvedAttribute());
            case UNRESOLVED_FUNCTION -> {
                var function = expression.getUnresolvedFunction();
                yield function(
                        function.getFunctionName(), all(function.getArgumentsList(), input), function.getIsDistinct());
            }
            case CALL_FUNCTION ->
                function(
                        expression.getCallFunction().getFunctionName(),
                        all(expression.getCallFunction().getArgumentsList(), input),
                        false);
            case EXPRESSION_STRING ->
                SqlParser.get().parseExpression(expression.getExpressionString().getExpression());
            case UNRESOLVED_STAR -> star(expression.getUnresolvedStar());
            case ALIAS -> alias(expression.getAlias(), input);
            case CAST -> cast(expression.getCast(), input);
            case SORT_ORDER -> sortOrder(expression.getSortOrder(), input);
            case LAMBDA_FUNCTION -> lambda(expression.getLambdaFunction(), input);
            case UNRESOLVED_NAMED_LAMBDA_VARIABLE ->
                new UnresolvedNamedLambdaVariable(String.join(
                        ".", expression.getUnresolvedNamedLambdaVariable().getNamePartsList()));
            case WINDOW -> window(expression.getWindow(), input);
            case UNRESOLVED_EXTRACT_VALUE -> extractValue(expression.getUnresolvedExtractValue(), input);
            case UNRESOLVED_REGEX -> throw Unsupported.feature("column selection by regular expression (colRegex)");
            case UPDATE_FIELDS -> throw Unsupported.feature("withField and dropFields on struct columns");
            case COMMON_INLINE_USER_DEFINED_FUNCTION ->
                throw Unsupported.feature("inline user-defined functions ("
                        + expression.getCommonInlineUserDefinedFunction().getFunctionCase()
                        + "); register a Java UDF on the server and call it by name");
            case NAMED_ARGUMENT_EXPRESSION -> throw Unsupported.feature("named function arguments");
            case SUBQUERY_EXPRESSION -> throw Unsupported.feature("DataFrame subquery expressions");
            case EXPRTYPE_NOT_SET -> throw Unsupported.expression(expression);
        };
    }

    List<Expression> all(List<dev.ember.connect.proto.Expression> expressions, Dataset<Row> input) {
        List<Expression> translated = new ArrayList<>(expressions.size());
        for (var expression : expressions) {
            translated.add(translate(expression, input));
        }
        return translated;
    }

    private Expression attribute(dev.ember.connect.proto.Expression.UnresolvedAttribute attribute) {
        String name = attribute.getUnparsedIdentifier();
        if (name.equals("*") || name.endsWith(".*")) {
            return name.equals("*")
                    ? new UnresolvedStar(List.of())
                    : new UnresolvedStar(
                            SqlParser.get().parseMultipartIdentifier(name.substring(0, name.length() - 2)));
        }
        if (attribute.hasPlanId()) {
            Dataset<Row> owner = plans.byPlanId(attribute.getPlanId());
            if (owner != null) {
                // df("x"): the column of that DataFrame, not whichever input of a join has a column named x.
                return owner.col(name).expr();
            }
        }
        return new UnresolvedAttribute(SqlParser.get().parseMultipartIdentifier(name));
    }

    private Expression star(dev.ember.connect.proto.Expression.UnresolvedStar star) {
        if (star.hasUnparsedTarget()) {
            String target = star.getUnparsedTarget();
            String qualifier = target.endsWith(".*") ? target.substring(0, target.length() - 2) : target;
            return new UnresolvedStar(SqlParser.get().parseMultipartIdentifier(qualifier));
        }
        return new UnresolvedStar(List.of());
    }

    private Expression alias(dev.ember.connect.proto.Expression.Alias alias, Dataset<Row> input) {
        Expression child = translate(alias.getExpr(), input);
        if (alias.getNameCount() == 1) {
            return Alias.of(child, alias.getName(0));
        }
        if (alias.getNameCount() == 0) {
            throw Unsupported.invalid("an alias without a name");
        }
        return new MultiAlias(child, alias.getNameList());
    }

    private Expression cast(dev.ember.connect.proto.Expression.Cast cast, Dataset<Row> input) {
        Column child = PlanAccess.column(translate(cast.getExpr(), input));
        DataType type =
                switch (cast.getCastToTypeCase()) {
                    case TYPE -> ProtoTypes.fromProto(cast.getType());
                    case TYPE_STR -> ProtoTypes.parse(cast.getTypeStr());
                    case CASTTOTYPE_NOT_SET -> throw Unsupported.invalid("a cast without a target type");
                };
        boolean tryCast = cast.getEvalMode() == dev.ember.connect.proto.Expression.Cast.EvalMode.EVAL_MODE_TRY;
        return (tryCast ? child.try_cast(type) : child.cast(type)).expr();
    }

    SortOrder sortOrder(dev.ember.connect.proto.Expression.SortOrder order, Dataset<Row> input) {
        Expression child = translate(order.getChild(), input);
        boolean ascending = order.getDirection()
                != dev.ember.connect.proto.Expression.SortOrder.SortDirection.SORT_DIRECTION_DESCENDING;
        boolean nullsFirst =
                switch (order.getNullOrdering()) {
                    case SORT_NULLS_FIRST -> true;
                    case SORT_NULLS_LAST -> false;
                    default -> ascending;
                };
        return new SortOrder(child, ascending, nullsFirst);
    }

    private Expression lambda(dev.ember.connect.proto.Expression.LambdaFunction lambda, Dataset<Row> input) {
        List<String> names = new ArrayList<>();
        for (var variable : lambda.getArgumentsList()) {
            names.add(String.join(".", variable.getNamePartsList()));
        }
        return new LambdaFunction(translate(lambda.getFunction(), input), names);
    }

    private Expression window(dev.ember.connect.proto.Expression.Window window, Dataset<Row> input) {
        Expression function = translate(window.getWindowFunction(), input);
        List<Expression> partitionBy = all(window.getPartitionSpecList(), input);
        List<SortOrder> orderBy = new ArrayList<>();
        for (var order : window.getOrderSpecList()) {
            orderBy.add(sortOrder(order, input));
        }
        WindowFrame frame = null;
        if (window.hasFrameSpec()) {
            var spec = window.getFrameSpec();
            WindowFrame.Type type =
                    switch (spec.getFrameType()) {
                        case FRAME_TYPE_ROW -> WindowFrame.Type.ROWS;
                        case FRAME_TYPE_RANGE -> WindowFrame.Type.RANGE;
                        default -> throw Unsupported.invalid("a window frame without a type (rows or range)");
                    };
            frame = new WindowFrame(type, bound(spec.getLower(), true, input), bound(spec.getUpper(), false, input));
        }
        return new WindowExpression(function, new WindowSpec(partitionBy, orderBy, frame));
    }

    private WindowFrame.Bound bound(
            dev.ember.connect.proto.Expression.Window.WindowFrame.FrameBoundary boundary,
            boolean lower,
            Dataset<Row> input) {
        return switch (boundary.getBoundaryCase()) {
            case CURRENT_ROW -> WindowFrame.Bound.CURRENT_ROW;
            case UNBOUNDED -> lower ? WindowFrame.Bound.UNBOUNDED_PRECEDING : WindowFrame.Bound.UNBOUNDED_FOLLOWING;
            case VALUE -> {
                Expression value = translate(boundary.getValue(), input);
                if (value instanceof Literal literal && literal.value() instanceof Number number) {
                    long offset = number.longValue();
                    if (offset == 0) {
                        yield WindowFrame.Bound.CURRENT_ROW;
                    }
                    Literal magnitude = new Literal(Math.abs(offset), literal.dataType());
                    if (literal.value() instanceof Integer) {
                        magnitude = new Literal((int) Math.abs(offset), literal.dataType());
                    }
                    yield offset < 0 ? WindowFrame.Bound.preceding(magnitude) : WindowFrame.Bound.following(magnitude);
                }
                yield lower ? WindowFrame.Bound.preceding(value) : WindowFrame.Bound.following(value);
            }
            case BOUNDARY_NOT_SET -> throw Unsupported.invalid("a window frame boundary without a kind");
        };
    }

    /**
     * {@code col("s").getField("f")}, {@code col("m").getItem("k")}, {@code col("a").getItem(0)}: a name picks a
     * struct's field or a map's value, which the analyzer decides once the child's type is known; anything else is a
     * subscript.
     */
    private Expression extractValue(
            dev.ember.connect.proto.Expression.UnresolvedExtractValue extract, Dataset<Row> input) {
        Expression child = translate(extract.getChild(), input);
        Expression key = translate(extract.getExtraction(), input);
        if (key instanceof Literal literal && literal.value() instanceof String name) {
            return new UnresolvedField(child, name);
        }
        return new Subscript(child, key);
    }

    private Expression function(String name, List<Expression> arguments, boolean distinct) {
        String lower = name.toLowerCase(Locale.ROOT);
        int count = arguments.size();
        switch (lower) {
            case "=", "==", "!=", "<", "<=", ">", ">=", "<=>", "*", "/", "%", "&", "|", "^":
                requireArguments(name, arguments, 2);
                return binary(lower, column(arguments.get(0)), arguments.get(1));
            case "+":
                requireArguments(name, arguments, 2);
                return column(arguments.get(0)).plus(column(arguments.get(1))).expr();
            case "-":
                if (count == 1) {
                    return column(arguments.get(0)).unary_minus().expr();
                }
                requireArguments(name, arguments, 2);
                return column(arguments.get(0)).minus(column(arguments.get(1))).expr();
            case "and", "or":
                if (count < 2) {
                    requireArguments(name, arguments, 2);
                }
                Column folded = column(arguments.get(0));
                for (int i = 1; i < count; i++) {
                    folded = lower.equals("and")
                            ? folded.and(column(arguments.get(i)))
                            : folded.or(column(arguments.get(i)));
                }
                return folded.expr();
            case "not", "!":
                requireArguments(name, arguments, 1);
                return column(arguments.get(0)).not().expr();
            case "negative":
                requireArguments(name, arguments, 1);
                return column(arguments.get(0)).unary_minus().expr();
            case "isnull":
                requireArguments(name, arguments, 1);
                return column(arguments.get(0)).isNull().expr();
            case "isnotnull":
                requireArguments(name, arguments, 1);
                return column(arguments.get(0)).isNotNull().expr();
            case "in":
                if (count < 1) {
                    requireArguments(name, arguments, 1);
                }
                Object[] values = new Object[count - 1];
                for (int i = 1; i < count; i++) {
                    values[i - 1] = column(arguments.get(i));
                }
                return column(arguments.get(0)).isin(values).expr();
            case "when":
                return caseWhen(arguments);
            default:
                return new UnresolvedFunction(name, arguments, distinct, null);
        }
    }

    private static Expression binary(String operator, Column left, Expression rightExpression) {
        Column right = column(rightExpression);
        Column result =
                switch (operator) {
                    case "=", "==" -> left.equalTo(right);
                    case "!=" -> left.notEqual(right);
                    case "<" -> left.lt(right);
                    case "<=" -> left.leq(right);
                    case ">" -> left.gt(right);
                    case ">=" -> left.geq(right);
                    case "<=>" -> left.eqNullSafe(right);
                    case "*" -> left.multiply(right);
                    case "/" -> left.divide(right);
                    case "%" -> left.mod(right);
                    case "&" -> dev.ember.sql.functions.call_function("bitwise_and", left, right);
                    case "|" -> dev.ember.sql.functions.call_function("bitwise_or", left, right);
                    case "^" -> dev.ember.sql.functions.call_function("bitwise_xor", left, right);
                    default -> throw new IllegalStateException(operator);
                };
        return result.expr();
    }

    /** {@code when(c1, v1, c2, v2, ..., [else])}, as the client sends when().when().otherwise(). */
    private static Expression caseWhen(List<Expression> arguments) {
        if (arguments.size() < 2) {
            requireArguments("when", arguments, 2);
        }
        List<Expression> conditions = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        int pairs = arguments.size() / 2;
        for (int i = 0; i < pairs; i++) {
            conditions.add(arguments.get(2 * i));
            values.add(arguments.get(2 * i + 1));
        }
        Expression otherwise = arguments.size() % 2 == 1 ? arguments.get(arguments.size() - 1) : null;
        return new CaseWhen(conditions, values, otherwise);
    }

    private static void requireArguments(String name, List<Expression> arguments, int wanted) {
        if (arguments.size() != wanted) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The operator " + name + " takes " + wanted + " argument" + (wanted == 1 ? "" : "s") + ", not "
                            + arguments.size());
        }
    }

    private static Column column(Expression expression) {
        return PlanAccess.column(expression);
    }
}
