package dev.ember.sql.parser;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.parser.EmberSqlParser.AggregationClauseContext;
import dev.ember.sql.parser.EmberSqlParser.CubeContext;
import dev.ember.sql.parser.EmberSqlParser.GroupByContext;
import dev.ember.sql.parser.EmberSqlParser.GroupByExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.GroupByItemContext;
import dev.ember.sql.parser.EmberSqlParser.GroupingSetContext;
import dev.ember.sql.parser.EmberSqlParser.GroupingSetsContext;
import dev.ember.sql.parser.EmberSqlParser.RollupContext;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.GroupingSets;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY: plain keys make an {@link Aggregate}; ROLLUP, CUBE, GROUPING SETS and {@code WITH ROLLUP|CUBE} make
 * {@link GroupingSets}, several items combining as the cross product of their sets. {@code ROLLUP(a, b)} is {@code
 * (a, b), (a), ()}; {@code CUBE(a, b)} is {@code (a, b), (a), (b), ()}, Spark's order.
 */
final class GroupingBuilder {
    private static final int MAX_GROUPING_SETS = 4096;

    private GroupingBuilder() {}

    static LogicalPlan aggregate(
            AstBuilder builder, AggregationClauseContext clause, List<NamedExpression> selectList, LogicalPlan input) {
        if (!(clause instanceof GroupByContext ctx)) {
            throw ParserUtils.unsupported(clause, "GROUP BY ALL");
        }
        ExpressionBuilder expressions = builder.expressions;
        boolean plain = ctx.kind == null;
        for (GroupByItemContext item : ctx.items) {
            plain &= item instanceof GroupByExpressionContext;
        }
        if (plain) {
            List<Expression> keys = new ArrayList<>();
            for (GroupByItemContext item : ctx.items) {
                keys.add(expressions.expression(((GroupByExpressionContext) item).expression()));
            }
            return new Aggregate(keys, selectList, input);
        }
        List<List<Expression>> sets;
        if (ctx.kind != null) {
            List<List<Expression>> groups = new ArrayList<>();
            for (GroupByItemContext item : ctx.items) {
                if (!(item instanceof GroupByExpressionContext e)) {
                    throw ParserUtils.invalid(
                            item,
                            "WITH " + ctx.kind.getText() + " cannot be combined with ROLLUP, CUBE or GROUPING SETS");
                }
                groups.add(List.of(expressions.expression(e.expression())));
            }
            sets = ctx.kind.getType() == EmberSqlLexer.ROLLUP ? rollup(groups) : cube(ctx, groups);
        } else {
            sets = new ArrayList<>();
            sets.add(List.of());
            for (GroupByItemContext item : ctx.items) {
                sets = cross(ctx, sets, itemSets(ctx, expressions, item));
            }
        }
        List<Expression> keys = new ArrayList<>();
        for (List<Expression> set : sets) {
            for (Expression key : set) {
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return new GroupingSets(sets, keys, selectList, input);
    }

    private static List<List<Expression>> itemSets(
            GroupByContext ctx, ExpressionBuilder expressions, GroupByItemContext item) {
        if (item instanceof GroupByExpressionContext e) {
            return List.of(List.of(expressions.expression(e.expression())));
        }
        if (item instanceof RollupContext rollup) {
            return rollup(groups(expressions, rollup.groupingSet()));
        }
        if (item instanceof CubeContext cube) {
            return cube(ctx, groups(expressions, cube.groupingSet()));
        }
        return groups(expressions, ((GroupingSetsContext) item).groupingSet());
    }

    private static List<List<Expression>> groups(ExpressionBuilder expressions, List<GroupingSetContext> sets) {
        List<List<Expression>> groups = new ArrayList<>();
        for (GroupingSetContext set : sets) {
            groups.add(expressions.expressions(set.expression()));
        }
        return groups;
    }

    /** The prefixes of the groups, longest first, each the concatenation of its groups. */
    static List<List<Expression>> rollup(List<List<Expression>> groups) {
        List<List<Expression>> sets = new ArrayList<>();
        for (int n = groups.size(); n >= 0; n--) {
            List<Expression> set = new ArrayList<>();
            for (List<Expression> group : groups.subList(0, n)) {
                set.addAll(group);
            }
            sets.add(set);
        }
        return sets;
    }

    /** Every subset of the groups: those with the first group, then those without, each recursively so. */
    static List<List<Expression>> cube(org.antlr.v4.runtime.ParserRuleContext ctx, List<List<Expression>> groups) {
        if (groups.size() > 12) {
            throw ParserUtils.invalid(ctx, "CUBE of " + groups.size() + " groups is too large: at most 12");
        }
        if (groups.isEmpty()) {
            List<List<Expression>> empty = new ArrayList<>();
            empty.add(List.of());
            return empty;
        }
        List<List<Expression>> rest = cube(ctx, groups.subList(1, groups.size()));
        List<List<Expression>> sets = new ArrayList<>();
        for (List<Expression> set : rest) {
            List<Expression> with = new ArrayList<>(groups.get(0));
            with.addAll(set);
            sets.add(with);
        }
        sets.addAll(rest);
        return sets;
    }

    private static List<List<Expression>> cross(
            GroupByContext ctx, List<List<Expression>> left, List<List<Expression>> right) {
        if ((long) left.size() * right.size() > MAX_GROUPING_SETS) {
            throw ParserUtils.invalid(ctx, "GROUP BY makes more than " + MAX_GROUPING_SETS + " grouping sets");
        }
        List<List<Expression>> sets = new ArrayList<>();
        for (List<Expression> l : left) {
            for (List<Expression> r : right) {
                List<Expression> set = new ArrayList<>(l);
                set.addAll(r);
                sets.add(set);
            }
        }
        return sets;
    }
}
