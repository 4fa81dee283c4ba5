package dev.ember.sql.parser;

import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.parser.EmberSqlParser.FunctionArgumentContext;
import dev.ember.sql.parser.EmberSqlParser.FunctionCallContext;
import dev.ember.sql.parser.EmberSqlParser.PositionalArgumentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Aggregates over an ordered group, {@code f(...) WITHIN GROUP (ORDER BY x)}:
 *
 * <ul>
 *   <li>{@code percentile_cont(p) WITHIN GROUP (ORDER BY x [DESC])} is {@code percentile(x, p)} (or {@code 1 - p}
 *       when descending: interpolation is symmetric);
 *   <li>{@code percentile_disc(p) WITHIN GROUP (ORDER BY x)} is {@code percentile_disc(x, p)};
 *   <li>{@code listagg(s[, d]) WITHIN GROUP (ORDER BY k)} (and {@code string_agg}) passes the key, whether it is
 *       ascending and whether nulls come first as three more arguments, after the delimiter.
 * </ul>
 *
 * Other functions with an ordered group are not supported yet.
 */
final class WithinGroupBuilder {
    private WithinGroupBuilder() {}

    static Expression call(ExpressionBuilder builder, FunctionCallContext ctx, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if ((lower.equals("listagg") || lower.equals("string_agg"))
                && ctx.withinGroup.size() == 1
                && !ctx.arguments.isEmpty()
                && ctx.arguments.size() <= 2
                && ctx.windowSpecOrName() == null
                && ctx.arguments.stream().allMatch(PositionalArgumentContext.class::isInstance)) {
            // The order travels as three more arguments: the key, ascending, nulls first.
            SortOrder order = builder.sortItem(ctx.withinGroup.get(0));
            List<Expression> arguments = new ArrayList<>();
            for (FunctionArgumentContext argument : ctx.arguments) {
                arguments.add(builder.expression(((PositionalArgumentContext) argument).expression()));
            }
            if (arguments.size() == 1) {
                arguments.add(Literal.of(""));
            }
            arguments.add(order.child());
            arguments.add(Literal.of(order.ascending()));
            arguments.add(Literal.of(order.nullsFirst()));
            boolean distinct =
                    ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
            Expression filter = ctx.filter == null ? null : builder.expression(ctx.filter);
            return new UnresolvedFunction(lower, arguments, distinct, filter);
        }
        boolean continuous = lower.equals("percentile_cont");
        if ((!continuous && !lower.equals("percentile_disc"))
                || ctx.withinGroup.size() != 1
                || ctx.arguments.size() != 1
                || !(ctx.arguments.get(0) instanceof PositionalArgumentContext percentage)
                || ctx.windowSpecOrName() != null) {
            throw ParserUtils.unsupported(ctx, "WITHIN GROUP (ORDER BY ...) of " + name);
        }
        SortOrder order = builder.sortItem(ctx.withinGroup.get(0));
        Expression p = builder.expression(percentage.expression());
        if (!order.ascending()) {
            if (!continuous) {
                throw ParserUtils.unsupported(ctx, "percentile_disc WITHIN GROUP (ORDER BY ... DESC)");
            }
            p = new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(1), p);
        }
        Expression filter = ctx.filter == null ? null : builder.expression(ctx.filter);
        return new UnresolvedFunction(
                continuous ? "percentile" : "percentile_disc", List.of(order.child(), p), false, filter);
    }
}
