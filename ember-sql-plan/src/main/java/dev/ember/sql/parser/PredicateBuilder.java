package dev.ember.sql.parser;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.parser.EmberSqlParser.BetweenContext;
import dev.ember.sql.parser.EmberSqlParser.InListContext;
import dev.ember.sql.parser.EmberSqlParser.InSubqueryContext;
import dev.ember.sql.parser.EmberSqlParser.IsBooleanContext;
import dev.ember.sql.parser.EmberSqlParser.IsDistinctFromContext;
import dev.ember.sql.parser.EmberSqlParser.IsNullContext;
import dev.ember.sql.parser.EmberSqlParser.LikeContext;
import dev.ember.sql.parser.EmberSqlParser.LikeQuantifiedContext;
import dev.ember.sql.parser.EmberSqlParser.NamedExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.PredicateContext;
import dev.ember.sql.parser.EmberSqlParser.ValueExpressionContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * The predicates that follow a value ({@code BETWEEN}, {@code IN}, {@code LIKE}, {@code IS ...}), each with its
 * {@code NOT}. {@code a BETWEEN l AND h} is {@code a >= l AND a <= h}; {@code x IS TRUE} is {@code x <=> true} (never
 * null); {@code IS UNKNOWN} is {@code IS NULL}; {@code a IS DISTINCT FROM b} is {@code NOT (a <=> b)}.
 */
final class PredicateBuilder {
    private final ExpressionBuilder expressions;
    private final AstBuilder plans;

    PredicateBuilder(ExpressionBuilder expressions, AstBuilder plans) {
        this.expressions = expressions;
        this.plans = plans;
    }

    Expression apply(ValueExpressionContext valueCtx, Expression value, PredicateContext ctx) {
        if (ctx instanceof BetweenContext between) {
            Expression range = new And(
                    new Comparison(Comparison.Op.GREATER_THAN_OR_EQUAL, value, expressions.expression(between.lower)),
                    new Comparison(Comparison.Op.LESS_THAN_OR_EQUAL, value, expressions.expression(between.upper)));
            return negateIf(between.NOT() != null, range);
        }
        if (ctx instanceof InSubqueryContext in) {
            List<Expression> values = new ArrayList<>();
            List<NamedExpressionContext> row = ExpressionBuilder.rowItems(valueCtx);
            if (row == null) {
                values.add(value);
            } else {
                for (NamedExpressionContext item : row) {
                    values.add(expressions.expression(item.expression()));
                }
            }
            return negateIf(in.NOT() != null, new InSubquery(values, plans.query(in.query())));
        }
        if (ctx instanceof InListContext in) {
            return negateIf(in.NOT() != null, new In(value, expressions.expressions(in.expression())));
        }
        if (ctx instanceof LikeQuantifiedContext like) {
            return likeQuantified(value, like);
        }
        if (ctx instanceof LikeContext like) {
            return negateIf(like.NOT() != null, like(like, value));
        }
        if (ctx instanceof IsNullContext isNull) {
            return isNull.NOT() != null ? new IsNotNull(value) : new IsNull(value);
        }
        if (ctx instanceof IsBooleanContext is) {
            boolean not = is.NOT() != null;
            return switch (is.kind.getType()) {
                case EmberSqlLexer.TRUE ->
                    negateIf(not, new Comparison(Comparison.Op.NULL_SAFE_EQUAL, value, Literal.TRUE));
                case EmberSqlLexer.FALSE ->
                    negateIf(not, new Comparison(Comparison.Op.NULL_SAFE_EQUAL, value, Literal.FALSE));
                default -> not ? new IsNotNull(value) : new IsNull(value);
            };
        }
        IsDistinctFromContext distinct = (IsDistinctFromContext) ctx;
        Expression same = new Comparison(Comparison.Op.NULL_SAFE_EQUAL, value, expressions.expression(distinct.right));
        return distinct.NOT() != null ? same : new Not(same);
    }

    private static Expression negateIf(boolean not, Expression expression) {
        return not ? new Not(expression) : expression;
    }

    private Expression like(LikeContext ctx, Expression value) {
        Expression pattern = expressions.expression(ctx.pattern);
        int kind = ctx.kind.getType();
        if (kind == EmberSqlLexer.RLIKE || kind == EmberSqlLexer.REGEXP) {
            if (ctx.escapeChar != null) {
                throw ParserUtils.invalid(
                        ctx.escapeChar, "ESCAPE goes with LIKE and ILIKE, not with " + ctx.kind.getText());
            }
            return UnresolvedFunction.of("rlike", value, pattern);
        }
        String name = kind == EmberSqlLexer.ILIKE ? "ilike" : "like";
        if (ctx.escapeChar == null) {
            return UnresolvedFunction.of(name, value, pattern);
        }
        String escape = ParserUtils.string(ctx.escapeChar);
        if (escape.length() != 1) {
            throw ParserUtils.invalid(ctx.escapeChar, "The ESCAPE of LIKE must be one character, not '" + escape + "'");
        }
        return UnresolvedFunction.of(name, value, pattern, Literal.of(escape));
    }

    /**
     * {@code LIKE ANY (p, q)} is {@code LIKE p OR LIKE q}, {@code LIKE ALL} the same with AND; with NOT each LIKE is
     * negated ({@code NOT LIKE ANY}: some pattern does not match).
     */
    private Expression likeQuantified(Expression value, LikeQuantifiedContext ctx) {
        if (ctx.patterns.isEmpty()) {
            throw ParserUtils.invalid(ctx, "LIKE " + ctx.quantifier.getText() + " needs at least one pattern");
        }
        String name = ctx.kind.getType() == EmberSqlLexer.ILIKE ? "ilike" : "like";
        boolean all = ctx.quantifier.getType() == EmberSqlLexer.ALL;
        Expression combined = null;
        for (ParserRuleContext patternCtx : ctx.patterns) {
            Expression one =
                    negateIf(ctx.NOT() != null, UnresolvedFunction.of(name, value, expressions.expression(patternCtx)));
            if (combined == null) {
                combined = one;
            } else {
                combined = all ? new And(combined, one) : new Or(combined, one);
            }
        }
        return combined;
    }
}
