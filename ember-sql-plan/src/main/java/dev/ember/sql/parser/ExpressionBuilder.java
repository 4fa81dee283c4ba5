package dev.ember.sql.parser;

import static dev.ember.sql.parser.ParserUtils.identifier;
import static dev.ember.sql.parser.ParserUtils.unsupported;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.MultiAlias;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.NamedParameter;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.PositionalParameter;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnaryMinus;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedField;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedNamedLambdaVariable;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.UnresolvedWindowReference;
import dev.ember.sql.expressions.WindowDefinition;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.parser.EmberSqlParser.*;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Builds expressions from their parse trees. Operators become Ember's expression classes; everything with a name
 * (functions, columns) stays unresolved for the analyzer. Predicates are in {@link PredicateBuilder}; subqueries are
 * built by the {@link AstBuilder} this belongs to.
 */
final class ExpressionBuilder extends EmberSqlParserBaseVisitor<Expression> {
    /** The functions that take IGNORE NULLS, as a trailing {@code true} argument. */
    private static final Set<String> IGNORE_NULLS_FUNCTIONS = Set.of("first", "last", "first_value", "last_value");

    private final AstBuilder plans;
    private final PredicateBuilder predicates;

    ExpressionBuilder(AstBuilder plans) {
        this.plans = plans;
        this.predicates = new PredicateBuilder(this, plans);
    }

    Expression expression(ParserRuleContext ctx) {
        Expression expression = ctx.accept(this);
        if (expression == null) {
            throw new IllegalStateException(
                    "No expression built for " + ctx.getClass().getSimpleName());
        }
        return expression;
    }

    List<Expression> expressions(List<? extends ParserRuleContext> contexts) {
        List<Expression> built = new ArrayList<>(contexts.size());
        for (ParserRuleContext ctx : contexts) {
            built.add(expression(ctx));
        }
        return built;
    }

    /**
     * An item of a select list: with an alias, an {@link Alias}; without, a column reference or star as it is and any
     * other expression in an {@link UnresolvedAlias} for the analyzer to name. Outside a select list ({@code
     * inSelectList} false) an expression without alias is returned as it is.
     */
    Expression namedExpression(NamedExpressionContext ctx, boolean inSelectList) {
        Expression expression = expression(ctx.expression());
        if (ctx.aliases != null) {
            if (!inSelectList) {
                throw unsupported(ctx.aliases, "An alias list such as AS (a, b) outside a select list");
            }
            return new MultiAlias(expression, ParserUtils.identifiers(ctx.aliases.identifier()));
        }
        if (ctx.alias != null || ctx.implicitAlias != null) {
            return Alias.of(expression, identifier(ctx.alias != null ? ctx.alias : ctx.implicitAlias));
        }
        if (!inSelectList || expression instanceof UnresolvedAttribute || expression instanceof UnresolvedStar) {
            return expression;
        }
        return new UnresolvedAlias(expression);
    }

    List<NamedExpression> selectList(NamedExpressionSeqContext ctx) {
        List<NamedExpression> items = new ArrayList<>();
        for (NamedExpressionContext item : ctx.namedExpression()) {
            items.add((NamedExpression) namedExpression(item, true));
        }
        return items;
    }

    SortOrder sortItem(SortItemContext ctx) {
        boolean ascending = ctx.ordering == null || ctx.ordering.getType() == EmberSqlLexer.ASC;
        boolean nullsFirst = ctx.nullOrder == null ? ascending : ctx.nullOrder.getType() == EmberSqlLexer.FIRST;
        return new SortOrder(expression(ctx.expression()), ascending, nullsFirst);
    }

    List<SortOrder> sortItems(List<SortItemContext> items) {
        List<SortOrder> orders = new ArrayList<>(items.size());
        for (SortItemContext item : items) {
            orders.add(sortItem(item));
        }
        return orders;
    }

    /** The items of a row constructor {@code (a, b)} written as this value, or null when it is something else. */
    static List<NamedExpressionContext> rowItems(ParserRuleContext ctx) {
        ParserRuleContext node = ctx;
        while (true) {
            if (node instanceof ExpressionContext e) {
                node = e.booleanExpression();
            } else if (node instanceof PredicatedContext p && p.predicate() == null) {
                node = p.valueExpression();
            } else if (node instanceof ValueExpressionDefaultContext v) {
                node = v.primaryExpression();
            } else if (node instanceof RowConstructorContext row) {
                return row.namedExpression();
            } else {
                return null;
            }
        }
    }

    // ---- boolean expressions ------------------------------------------------------------------------------------

    @Override
    public Expression visitExpression(ExpressionContext ctx) {
        return expression(ctx.booleanExpression());
    }

    @Override
    public Expression visitLogicalNot(LogicalNotContext ctx) {
        return new Not(expression(ctx.booleanExpression()));
    }

    @Override
    public Expression visitExists(ExistsContext ctx) {
        return new dev.ember.sql.expressions.Exists(plans.query(ctx.query()));
    }

    @Override
    public Expression visitPredicated(PredicatedContext ctx) {
        Expression value = expression(ctx.valueExpression());
        return ctx.predicate() == null ? value : predicates.apply(ctx.valueExpression(), value, ctx.predicate());
    }

    @Override
    public Expression visitLogicalBinary(LogicalBinaryContext ctx) {
        Expression left = expression(ctx.left);
        Expression right = expression(ctx.right);
        return ctx.operator.getType() == EmberSqlLexer.AND ? new And(left, right) : new Or(left, right);
    }

    // ---- value expressions --------------------------------------------------------------------------------------

    @Override
    public Expression visitValueExpressionDefault(ValueExpressionDefaultContext ctx) {
        return expression(ctx.primaryExpression());
    }

    @Override
    public Expression visitArithmeticUnary(ArithmeticUnaryContext ctx) {
        switch (ctx.operator.getType()) {
            case EmberSqlLexer.MINUS -> {
                NumberContext number = numberOf(ctx.valueExpression());
                if (number != null) {
                    return LiteralBuilder.number(number, true);
                }
                return new UnaryMinus(expression(ctx.valueExpression()));
            }
            case EmberSqlLexer.PLUS -> {
                return UnresolvedFunction.of("positive", expression(ctx.valueExpression()));
            }
            default -> {
                return UnresolvedFunction.of("bitwise_not", expression(ctx.valueExpression()));
            }
        }
    }

    /** The numeric literal a value expression is, written without anything around it, or null. */
    private static NumberContext numberOf(ValueExpressionContext ctx) {
        if (ctx instanceof ValueExpressionDefaultContext v
                && v.primaryExpression() instanceof ConstantDefaultContext c
                && c.constant() instanceof NumericLiteralContext n) {
            return n.number();
        }
        return null;
    }

    @Override
    public Expression visitArithmeticBinary(ArithmeticBinaryContext ctx) {
        Expression left = expression(ctx.left);
        Expression right = expression(ctx.right);
        return switch (ctx.operator.getType()) {
            case EmberSqlLexer.ASTERISK -> new Arithmetic(Arithmetic.Op.MULTIPLY, left, right);
            case EmberSqlLexer.SLASH -> new Arithmetic(Arithmetic.Op.DIVIDE, left, right);
            case EmberSqlLexer.PERCENT -> new Arithmetic(Arithmetic.Op.REMAINDER, left, right);
            case EmberSqlLexer.DIV -> new Arithmetic(Arithmetic.Op.INTEGRAL_DIVIDE, left, right);
            case EmberSqlLexer.PLUS -> new Arithmetic(Arithmetic.Op.ADD, left, right);
            case EmberSqlLexer.MINUS -> new Arithmetic(Arithmetic.Op.SUBTRACT, left, right);
            case EmberSqlLexer.CONCAT_PIPE -> concat(left, right);
            case EmberSqlLexer.AMPERSAND -> UnresolvedFunction.of("bitwise_and", left, right);
            case EmberSqlLexer.HAT -> UnresolvedFunction.of("bitwise_xor", left, right);
            default -> UnresolvedFunction.of("bitwise_or", left, right);
        };
    }

    /** {@code a || b || c} is one {@code concat(a, b, c)}. */
    private static Expression concat(Expression left, Expression right) {
        List<Expression> arguments = new ArrayList<>();
        if (left instanceof UnresolvedFunction f && f.name().equals("concat") && !f.distinct() && f.filter() == null) {
            arguments.addAll(f.arguments());
        } else {
            arguments.add(left);
        }
        arguments.add(right);
        return new UnresolvedFunction("concat", arguments, false, null);
    }

    @Override
    public Expression visitComparison(ComparisonContext ctx) {
        Expression left = expression(ctx.left);
        Expression right = expression(ctx.right);
        Comparison.Op op =
                switch (ctx.comparisonOperator().getStart().getType()) {
                    case EmberSqlLexer.EQ -> Comparison.Op.EQUAL;
                    case EmberSqlLexer.NSEQ -> Comparison.Op.NULL_SAFE_EQUAL;
                    case EmberSqlLexer.NEQ, EmberSqlLexer.NEQJ -> Comparison.Op.NOT_EQUAL;
                    case EmberSqlLexer.LT -> Comparison.Op.LESS_THAN;
                    case EmberSqlLexer.LTE -> Comparison.Op.LESS_THAN_OR_EQUAL;
                    case EmberSqlLexer.GT -> Comparison.Op.GREATER_THAN;
                    default -> Comparison.Op.GREATER_THAN_OR_EQUAL;
                };
        return new Comparison(op, left, right);
    }

    // ---- primary expressions ------------------------------------------------------------------------------------

    @Override
    public Expression visitCurrentLike(CurrentLikeContext ctx) {
        return UnresolvedFunction.of(ctx.name.getText().toLowerCase(Locale.ROOT));
    }

    @Override
    public Expression visitSearchedCase(SearchedCaseContext ctx) {
        List<Expression> conditions = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (WhenClauseContext when : ctx.whenClause()) {
            conditions.add(expression(when.condition));
            values.add(expression(when.result));
        }
        return new CaseWhen(conditions, values, ctx.elseExpression == null ? null : expression(ctx.elseExpression));
    }

    @Override
    public Expression visitSimpleCase(SimpleCaseContext ctx) {
        Expression operand = expression(ctx.operand);
        List<Expression> conditions = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (WhenClauseContext when : ctx.whenClause()) {
            conditions.add(new Comparison(Comparison.Op.EQUAL, operand, expression(when.condition)));
            values.add(expression(when.result));
        }
        return new CaseWhen(conditions, values, ctx.elseExpression == null ? null : expression(ctx.elseExpression));
    }

    @Override
    public Expression visitCast(CastContext ctx) {
        return new Cast(
                expression(ctx.expression()),
                DataTypeBuilder.dataType(ctx.dataType()),
                ctx.name.getType() == EmberSqlLexer.TRY_CAST,
                LiteralBuilder.DEFAULT_ZONE);
    }

    @Override
    public Expression visitCastByColon(CastByColonContext ctx) {
        return new Cast(
                expression(ctx.primaryExpression()),
                DataTypeBuilder.dataType(ctx.dataType()),
                false,
                LiteralBuilder.DEFAULT_ZONE);
    }

    @Override
    public Expression visitExtract(ExtractContext ctx) {
        return UnresolvedFunction.of("extract", Literal.of(identifier(ctx.field)), expression(ctx.source));
    }

    @Override
    public Expression visitSubstring(SubstringContext ctx) {
        List<Expression> arguments = new ArrayList<>(List.of(expression(ctx.str), expression(ctx.pos)));
        if (ctx.len != null) {
            arguments.add(expression(ctx.len));
        }
        return new UnresolvedFunction("substring", arguments, false, null);
    }

    @Override
    public Expression visitTrim(TrimContext ctx) {
        String name = "trim";
        if (ctx.trimOption != null && ctx.trimOption.getType() == EmberSqlLexer.LEADING) {
            name = "trim_leading";
        } else if (ctx.trimOption != null && ctx.trimOption.getType() == EmberSqlLexer.TRAILING) {
            name = "trim_trailing";
        }
        List<Expression> arguments = new ArrayList<>(List.of(expression(ctx.source)));
        if (ctx.trimChars != null) {
            arguments.add(expression(ctx.trimChars));
        }
        return new UnresolvedFunction(name, arguments, false, null);
    }

    @Override
    public Expression visitPosition(PositionContext ctx) {
        return UnresolvedFunction.of("locate", expression(ctx.substr), expression(ctx.str));
    }

    @Override
    public Expression visitOverlay(OverlayContext ctx) {
        List<Expression> arguments =
                new ArrayList<>(List.of(expression(ctx.input), expression(ctx.replace), expression(ctx.position)));
        if (ctx.length != null) {
            arguments.add(expression(ctx.length));
        }
        return new UnresolvedFunction("overlay", arguments, false, null);
    }

    /** {@code struct(1 AS p, b)}: the fields are named by their aliases, or as the struct function names them. */
    @Override
    public Expression visitStructConstructor(StructConstructorContext ctx) {
        List<Expression> fields = new ArrayList<>();
        for (NamedExpressionContext field : ctx.fields) {
            fields.add(namedExpression(field, false));
        }
        return new UnresolvedFunction("struct", fields, false, null);
    }

    @Override
    public Expression visitConstantDefault(ConstantDefaultContext ctx) {
        return expression(ctx.constant());
    }

    @Override
    public Expression visitStar(StarContext ctx) {
        return new UnresolvedStar(
                ctx.qualifiedName() == null ? List.of() : ParserUtils.qualifiedName(ctx.qualifiedName()));
    }

    /** {@code (a, b)} is a struct of its items, named by their aliases when they have some. */
    @Override
    public Expression visitRowConstructor(RowConstructorContext ctx) {
        List<Expression> items = new ArrayList<>();
        for (NamedExpressionContext item : ctx.namedExpression()) {
            items.add(namedExpression(item, false));
        }
        return new UnresolvedFunction("struct", items, false, null);
    }

    @Override
    public Expression visitSubqueryExpression(SubqueryExpressionContext ctx) {
        return new ScalarSubquery(plans.query(ctx.query()));
    }

    @Override
    public Expression visitFunctionCall(FunctionCallContext ctx) {
        String name = functionName(ctx.functionName());
        if (!ctx.withinGroup.isEmpty()) {
            return WithinGroupBuilder.call(this, ctx, name);
        }
        List<Expression> arguments = new ArrayList<>();
        for (FunctionArgumentContext argument : ctx.arguments) {
            if (argument instanceof NamedArgumentContext named) {
                throw unsupported(named, "The named argument " + identifier(named.name) + " => of " + name);
            }
            arguments.add(expression(((PositionalArgumentContext) argument).expression()));
        }
        boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
        Expression filter = ctx.filter == null ? null : expression(ctx.filter);
        if (ctx.nullsOption != null && ctx.nullsOption.getType() == EmberSqlLexer.IGNORE) {
            if (!IGNORE_NULLS_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT)) || arguments.size() != 1) {
                throw unsupported(ctx, "IGNORE NULLS for " + name + " with " + arguments.size() + " argument(s)");
            }
            arguments.add(Literal.TRUE);
        }
        Expression function = new UnresolvedFunction(name, arguments, distinct, filter);
        if (ctx.windowSpecOrName() == null) {
            return function;
        }
        WindowDefinition window = ctx.windowSpecOrName() instanceof WindowReferenceContext reference
                ? new UnresolvedWindowReference(identifier(reference.name))
                : windowSpec(((WindowDefinitionContext) ctx.windowSpecOrName()).windowSpec());
        return new WindowExpression(function, window);
    }

    static String functionName(FunctionNameContext ctx) {
        if (ctx.qualifiedName() == null) {
            return ctx.getText().toLowerCase(Locale.ROOT);
        }
        return String.join(".", ParserUtils.qualifiedName(ctx.qualifiedName()));
    }

    WindowSpec windowSpec(WindowSpecContext ctx) {
        WindowFrame frame = null;
        if (ctx.windowFrame() != null) {
            WindowFrameContext f = ctx.windowFrame();
            WindowFrame.Type type =
                    f.frameType.getType() == EmberSqlLexer.ROWS ? WindowFrame.Type.ROWS : WindowFrame.Type.RANGE;
            WindowFrame.Bound lower = frameBound(f.start);
            WindowFrame.Bound upper = f.end == null ? WindowFrame.Bound.CURRENT_ROW : frameBound(f.end);
            if (lower.kind() == WindowFrame.BoundKind.UNBOUNDED_FOLLOWING) {
                throw ParserUtils.invalid(f.start, "A window frame cannot start at UNBOUNDED FOLLOWING");
            }
            if (upper.kind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING) {
                throw ParserUtils.invalid(f, "A window frame cannot end at UNBOUNDED PRECEDING");
            }
            frame = new WindowFrame(type, lower, upper);
        }
        return new WindowSpec(expressions(ctx.partition), sortItems(ctx.order), frame);
    }

    private WindowFrame.Bound frameBound(FrameBoundContext ctx) {
        if (ctx instanceof CurrentRowFrameContext) {
            return WindowFrame.Bound.CURRENT_ROW;
        }
        if (ctx instanceof UnboundedFrameContext unbounded) {
            return unbounded.boundType.getType() == EmberSqlLexer.PRECEDING
                    ? WindowFrame.Bound.UNBOUNDED_PRECEDING
                    : WindowFrame.Bound.UNBOUNDED_FOLLOWING;
        }
        OffsetFrameContext offset = (OffsetFrameContext) ctx;
        Expression value = expression(offset.valueExpression());
        return offset.boundType.getType() == EmberSqlLexer.PRECEDING
                ? WindowFrame.Bound.preceding(value)
                : WindowFrame.Bound.following(value);
    }

    /** In the body, names whose first part is a parameter become lambda variables (and fields of them). */
    @Override
    public Expression visitLambda(LambdaContext ctx) {
        List<String> parameters = ParserUtils.identifiers(ctx.parameters);
        Set<String> lowered = new java.util.HashSet<>();
        for (String parameter : parameters) {
            if (!lowered.add(parameter.toLowerCase(Locale.ROOT))) {
                throw ParserUtils.invalid(ctx, "The lambda parameter " + parameter + " is given twice");
            }
        }
        Expression body = Expressions.transformUp(expression(ctx.body), e -> {
            if (e instanceof UnresolvedAttribute a
                    && lowered.contains(a.nameParts().get(0).toLowerCase(Locale.ROOT))) {
                Expression variable =
                        new UnresolvedNamedLambdaVariable(a.nameParts().get(0));
                for (String field : a.nameParts().subList(1, a.nameParts().size())) {
                    variable = new UnresolvedField(variable, field);
                }
                return variable;
            }
            return e;
        });
        return new LambdaFunction(body, parameters);
    }

    @Override
    public Expression visitColumnReference(ColumnReferenceContext ctx) {
        return new UnresolvedAttribute(List.of(identifier(ctx.identifier())));
    }

    @Override
    public Expression visitParenthesizedExpression(ParenthesizedExpressionContext ctx) {
        return expression(ctx.expression());
    }

    @Override
    public Expression visitSubscript(SubscriptContext ctx) {
        return new Subscript(expression(ctx.value), expression(ctx.index));
    }

    /** {@code a.b} extends a name; {@code a.*.b} is an error; on any other value it takes a struct's field. */
    @Override
    public Expression visitDereference(DereferenceContext ctx) {
        Expression base = expression(ctx.base);
        String field = identifier(ctx.fieldName);
        if (base instanceof UnresolvedAttribute attribute) {
            List<String> parts = new ArrayList<>(attribute.nameParts());
            parts.add(field);
            return new UnresolvedAttribute(parts);
        }
        if (base instanceof UnresolvedStar) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.PARSE_SYNTAX_ERROR,
                    "A star cannot be followed by a field name: " + ctx.getText()
                            + ParserUtils.position(ctx.fieldName));
        }
        return new UnresolvedField(base, field);
    }

    // ---- literals -----------------------------------------------------------------------------------------------

    @Override
    public Expression visitNullLiteral(NullLiteralContext ctx) {
        return Literal.NULL;
    }

    @Override
    public Expression visitPositionalParameter(PositionalParameterContext ctx) {
        return new PositionalParameter(plans.nextParameterIndex());
    }

    @Override
    public Expression visitNamedParameter(NamedParameterContext ctx) {
        return new NamedParameter(identifier(ctx.identifier()));
    }

    @Override
    public Expression visitIntervalLiteral(IntervalLiteralContext ctx) {
        return LiteralBuilder.interval(ctx.interval());
    }

    @Override
    public Expression visitTypedLiteral(TypedLiteralContext ctx) {
        return LiteralBuilder.typed(ctx);
    }

    @Override
    public Expression visitNumericLiteral(NumericLiteralContext ctx) {
        return LiteralBuilder.number(ctx.number(), false);
    }

    @Override
    public Expression visitBooleanLiteral(BooleanLiteralContext ctx) {
        return ctx.booleanValue().TRUE() != null ? Literal.TRUE : Literal.FALSE;
    }

    @Override
    public Expression visitStringLiteral(StringLiteralContext ctx) {
        return new Literal(ParserUtils.string(ctx.stringLit()), DataTypes.StringType);
    }

    @Override
    public Expression visitBinaryLiteral(BinaryLiteralContext ctx) {
        return LiteralBuilder.binary(ctx.BINARY_HEX().getSymbol());
    }
}
