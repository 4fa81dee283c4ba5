package dev.ember.sql.parser;

import static dev.ember.sql.parser.ParserUtils.identifier;
import static dev.ember.sql.parser.ParserUtils.unsupported;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ColumnAliases;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedWindowReference;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.parser.EmberSqlParser.*;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Generate;
import dev.ember.sql.plans.logical.InlineTable;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Offset;
import dev.ember.sql.plans.logical.Pivot;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.TableFunctionCall;
import dev.ember.sql.plans.logical.Union;
import dev.ember.sql.plans.logical.Unpivot;
import dev.ember.sql.plans.logical.UnresolvedHint;
import dev.ember.sql.plans.logical.UnresolvedRelation;
import dev.ember.sql.plans.logical.With;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Builds logical plans from the parse trees of queries, as Spark's parser does: FROM (joins left to right, then
 * LATERAL VIEWs), WHERE, GROUP BY or the projection, HAVING, DISTINCT and hints make a query specification; set
 * operations combine those; ORDER BY / SORT BY, OFFSET and LIMIT apply to the whole query, and WITH wraps it. One
 * builder serves one statement (it numbers the statement's {@code ?} parameters).
 */
final class AstBuilder {
    /** The alias Spark gives a subquery in FROM that has none. */
    static final String AUTO_SUBQUERY_ALIAS = "__auto_generated_subquery_name";

    final ExpressionBuilder expressions = new ExpressionBuilder(this);
    private int nextParameter;

    int nextParameterIndex() {
        return nextParameter++;
    }

    LogicalPlan query(QueryContext ctx) {
        LogicalPlan plan = organize(ctx.queryOrganization(), queryTerm(ctx.queryTerm()));
        if (ctx.ctes() == null) {
            return plan;
        }
        List<With.Definition> definitions = new ArrayList<>();
        for (NamedQueryContext named : ctx.ctes().namedQuery()) {
            definitions.add(new With.Definition(
                    identifier(named.name), ParserUtils.identifierList(named.columnAliases), query(named.query())));
        }
        return new With(definitions, plan);
    }

    private LogicalPlan queryTerm(QueryTermContext ctx) {
        if (ctx instanceof QueryTermDefaultContext primary) {
            return queryPrimary(primary.queryPrimary());
        }
        SetOperationContext set = (SetOperationContext) ctx;
        LogicalPlan left = queryTerm(set.left);
        LogicalPlan right = queryTerm(set.right);
        boolean all = set.setQuantifier() != null && set.setQuantifier().ALL() != null;
        return switch (set.operator.getType()) {
            case EmberSqlLexer.UNION -> all ? unionAll(left, right) : unionDistinct(left, right);
            case EmberSqlLexer.INTERSECT -> new SetOperation(SetOperation.Kind.INTERSECT, all, left, right);
            default -> new SetOperation(SetOperation.Kind.EXCEPT, all, left, right);
        };
    }

    /** {@code a UNION ALL b UNION ALL c} is one union of three inputs. */
    private static LogicalPlan unionAll(LogicalPlan left, LogicalPlan right) {
        List<LogicalPlan> inputs = new ArrayList<>(unionAllInputs(left));
        inputs.addAll(unionAllInputs(right));
        return new Union(inputs, false, false);
    }

    private static List<LogicalPlan> unionAllInputs(LogicalPlan plan) {
        return plan instanceof Union u && !u.byName() && !u.allowMissingColumns() ? u.inputs() : List.of(plan);
    }

    /** {@code a UNION b UNION c} is the distinct rows of one union of three inputs. */
    private static LogicalPlan unionDistinct(LogicalPlan left, LogicalPlan right) {
        List<LogicalPlan> inputs = new ArrayList<>(unionDistinctInputs(left));
        inputs.addAll(unionDistinctInputs(right));
        return new Distinct(new Union(inputs, false, false));
    }

    private static List<LogicalPlan> unionDistinctInputs(LogicalPlan plan) {
        if (plan instanceof Distinct d && d.child() instanceof Union u && !u.byName() && !u.allowMissingColumns()) {
            return u.inputs();
        }
        return List.of(plan);
    }

    private LogicalPlan queryPrimary(QueryPrimaryContext ctx) {
        if (ctx instanceof QueryPrimaryDefaultContext spec) {
            return querySpecification(spec.querySpecification());
        }
        if (ctx instanceof InlineTableQueryContext inline) {
            return inlineTable(inline.inlineTable());
        }
        return query(((ParenthesizedQueryContext) ctx).query());
    }

    /** ORDER BY or SORT BY, then OFFSET, then LIMIT, over the whole query. */
    private LogicalPlan organize(QueryOrganizationContext ctx, LogicalPlan plan) {
        if (!ctx.clusterBy.isEmpty()) {
            throw unsupported(ctx, "CLUSTER BY");
        }
        if (!ctx.distributeBy.isEmpty()) {
            throw unsupported(ctx, "DISTRIBUTE BY");
        }
        if (!ctx.order.isEmpty() && !ctx.sort.isEmpty()) {
            throw ParserUtils.invalid(ctx, "ORDER BY and SORT BY cannot be used together");
        }
        LogicalPlan result = plan;
        if (!ctx.order.isEmpty()) {
            result = new Sort(expressions.sortItems(ctx.order), true, result);
        } else if (!ctx.sort.isEmpty()) {
            result = new Sort(expressions.sortItems(ctx.sort), false, result);
        }
        if (ctx.offset != null) {
            result = new Offset(constantCount(ctx.offset, "OFFSET"), result);
        }
        if (ctx.limit != null) {
            result = new Limit(constantCount(ctx.limit, "LIMIT"), result);
        }
        return result;
    }

    /** The value of LIMIT or OFFSET: a constant expression of a non-negative int. */
    private int constantCount(ExpressionContext ctx, String clause) {
        Expression expression = expressions.expression(ctx);
        if (!expression.resolved() || !expression.foldable()) {
            throw unsupported(ctx, clause + " with an expression that is not a constant (" + ctx.getText() + ")");
        }
        Object value;
        try {
            value = expression.eval(InternalRow.EMPTY);
        } catch (EmberException e) {
            throw ParserUtils.invalid(
                    ctx, "The " + clause + " " + ctx.getText() + " cannot be computed: " + e.detail());
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            throw ParserUtils.invalid(ctx, "The " + clause + " must be an integer, not " + ctx.getText());
        }
        long count = ((Number) value).longValue();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw ParserUtils.invalid(
                    ctx, "The " + clause + " must be from 0 to " + Integer.MAX_VALUE + ", not " + count);
        }
        return (int) count;
    }

    private LogicalPlan querySpecification(QuerySpecificationContext ctx) {
        LogicalPlan input = ctx.fromClause() == null ? oneRow() : fromClause(ctx.fromClause());
        if (ctx.whereClause() != null) {
            input = new Filter(expressions.expression(ctx.whereClause().booleanExpression()), input);
        }
        Map<String, WindowSpec> windows = windows(ctx.windowClause());
        List<NamedExpression> selectList = new ArrayList<>();
        for (NamedExpression item : expressions.selectList(ctx.selectClause().namedExpressionSeq())) {
            selectList.add((NamedExpression) substituteWindows(item, windows, ctx));
        }
        LogicalPlan plan;
        if (ctx.aggregationClause() != null) {
            plan = GroupingBuilder.aggregate(this, ctx.aggregationClause(), selectList, input);
        } else if (ctx.havingClause() != null) {
            plan = new Aggregate(List.of(), selectList, input);
        } else {
            plan = new Project(selectList, input);
        }
        if (ctx.havingClause() != null) {
            Expression condition = expressions.expression(ctx.havingClause().booleanExpression());
            plan = new Filter(substituteWindows(condition, windows, ctx), plan);
        }
        if (ctx.qualifyClause() != null) {
            throw unsupported(ctx.qualifyClause(), "QUALIFY");
        }
        SelectClauseContext select = ctx.selectClause();
        if (select.setQuantifier() != null && select.setQuantifier().DISTINCT() != null) {
            plan = new Distinct(plan);
        }
        List<HintStatementContext> hints = new ArrayList<>();
        for (HintContext hint : select.hints) {
            hints.addAll(hint.hintStatements);
        }
        for (int i = hints.size() - 1; i >= 0; i--) {
            HintStatementContext hint = hints.get(i);
            List<Object> parameters = new ArrayList<>(expressions.expressions(hint.parameters));
            plan = new UnresolvedHint(identifier(hint.hintName), parameters, plan);
        }
        return plan;
    }

    private Map<String, WindowSpec> windows(WindowClauseContext ctx) {
        Map<String, WindowSpec> windows = new HashMap<>();
        if (ctx == null) {
            return windows;
        }
        for (NamedWindowContext named : ctx.namedWindow()) {
            String name = identifier(named.name);
            if (windows.put(name.toLowerCase(Locale.ROOT), expressions.windowSpec(named.windowSpec())) != null) {
                throw ParserUtils.invalid(named, "The window " + name + " is defined more than once");
            }
        }
        return windows;
    }

    /** Replaces {@code OVER w} by the window {@code w} of the WINDOW clause. */
    private static Expression substituteWindows(
            Expression expression, Map<String, WindowSpec> windows, ParserRuleContext where) {
        return Expressions.transformUp(expression, e -> {
            if (e instanceof UnresolvedWindowReference reference) {
                WindowSpec spec = windows.get(reference.name().toLowerCase(Locale.ROOT));
                if (spec == null) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The window " + reference.name() + " is not defined in the WINDOW clause"
                                    + ParserUtils.position(where));
                }
                return spec;
            }
            return e;
        });
    }

    /** The input of a query without FROM: one row without columns. */
    static LogicalPlan oneRow() {
        return new LocalRelation(List.of(), List.of(InternalRow.of()));
    }

    private LogicalPlan fromClause(FromClauseContext ctx) {
        LogicalPlan plan = null;
        for (RelationContext relation : ctx.relation()) {
            LogicalPlan next = relation(relation);
            plan = plan == null ? next : new Join(plan, next, JoinType.INNER, null);
        }
        for (LateralViewContext view : ctx.lateralView()) {
            String name = String.join(".", ParserUtils.qualifiedName(view.generator));
            Expression generator = new UnresolvedFunction(name, expressions.expressions(view.arguments), false, null);
            plan = new Generate(
                    generator,
                    view.OUTER() != null,
                    view.tableName == null ? null : identifier(view.tableName),
                    ParserUtils.identifiers(view.columnNames),
                    plan);
        }
        if (ctx.pivotClause() != null) {
            plan = pivot(ctx.pivotClause(), plan);
        }
        if (ctx.unpivotClause() != null) {
            plan = unpivot(ctx.unpivotClause(), plan);
        }
        return plan;
    }

    private LogicalPlan unpivot(UnpivotClauseContext ctx, LogicalPlan child) {
        List<String> valueColumns = new ArrayList<>();
        for (IdentifierContext value : ctx.valueColumns) {
            valueColumns.add(identifier(value));
        }
        List<Expression> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (UnpivotColumnContext column : ctx.columns) {
            if (column.names.size() != valueColumns.size()) {
                throw ParserUtils.invalid(
                        column,
                        "UNPIVOT gives " + valueColumns.size() + " value column(s), and " + column.getText() + " lists "
                                + column.names.size());
            }
            List<String> lastParts = new ArrayList<>();
            for (QualifiedNameContext nameContext : column.names) {
                List<String> name = ParserUtils.qualifiedName(nameContext);
                columns.add(new UnresolvedAttribute(name));
                lastParts.add(name.get(name.size() - 1));
            }
            labels.add(column.label != null ? identifier(column.label) : String.join("_", lastParts));
        }
        boolean includeNulls = ctx.nulls != null && ctx.nulls.getType() == EmberSqlLexer.INCLUDE;
        return new Unpivot(valueColumns, identifier(ctx.nameColumn), columns, labels, includeNulls, child);
    }

    private LogicalPlan pivot(PivotClauseContext ctx, LogicalPlan child) {
        List<NamedExpression> aggregates = new ArrayList<>();
        for (NamedExpressionContext aggregate : ctx.aggregates) {
            Expression named = expressions.namedExpression(aggregate, true);
            aggregates.add(named instanceof NamedExpression item ? item : new UnresolvedAlias(named));
        }
        List<Expression> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (PivotValueContext value : ctx.pivotValues) {
            values.add(expressions.expression(value.expression()));
            names.add(value.name == null ? null : identifier(value.name));
        }
        List<Expression> pivotColumns = new ArrayList<>();
        for (QualifiedNameContext name : ctx.pivotColumns) {
            pivotColumns.add(new UnresolvedAttribute(ParserUtils.qualifiedName(name)));
        }
        // Several pivot columns pivot on their struct, and each value is a struct too: (1, 'x').
        Expression column = pivotColumns.size() == 1
                ? pivotColumns.get(0)
                : new UnresolvedFunction("struct", pivotColumns, false, null);
        return new Pivot(null, column, values, names, aggregates, child);
    }

    private LogicalPlan relation(RelationContext ctx) {
        LogicalPlan plan = relationPrimary(ctx.relationPrimary());
        for (JoinRelationContext join : ctx.joinRelation()) {
            if (join instanceof JoinContext j) {
                LogicalPlan right = relationPrimary(j.right);
                JoinType type = joinType(j.joinType());
                Expression condition = null;
                List<String> using = List.of();
                if (j.joinCriteria() != null) {
                    if (j.joinCriteria().booleanExpression() != null) {
                        condition = expressions.expression(j.joinCriteria().booleanExpression());
                    } else {
                        using = ParserUtils.identifierList(j.joinCriteria().identifierList());
                    }
                }
                plan = new Join(plan, right, type, condition, using, false, JoinHint.NONE);
            } else {
                NaturalJoinContext n = (NaturalJoinContext) join;
                JoinType type = joinType(n.joinType());
                if (type == JoinType.CROSS) {
                    throw unsupported(n, "NATURAL CROSS JOIN");
                }
                plan = new Join(plan, relationPrimary(n.right), type, null, List.of(), true, JoinHint.NONE);
            }
        }
        return plan;
    }

    private static JoinType joinType(JoinTypeContext ctx) {
        if (ctx.CROSS() != null) {
            return JoinType.CROSS;
        }
        if (ctx.SEMI() != null) {
            return JoinType.LEFT_SEMI;
        }
        if (ctx.ANTI() != null) {
            return JoinType.LEFT_ANTI;
        }
        if (ctx.LEFT() != null) {
            return JoinType.LEFT_OUTER;
        }
        if (ctx.RIGHT() != null) {
            return JoinType.RIGHT_OUTER;
        }
        if (ctx.FULL() != null) {
            return JoinType.FULL_OUTER;
        }
        return JoinType.INNER;
    }

    private LogicalPlan relationPrimary(RelationPrimaryContext ctx) {
        if (ctx instanceof TableNameContext table) {
            return aliased(new UnresolvedRelation(ParserUtils.multipartIdentifier(table.name)), table.tableAlias());
        }
        if (ctx instanceof AliasedQueryContext aliasedQuery) {
            LogicalPlan query = query(aliasedQuery.query());
            if (!hasAlias(aliasedQuery.tableAlias())) {
                return new SubqueryAlias(AUTO_SUBQUERY_ALIAS, query);
            }
            return aliased(query, aliasedQuery.tableAlias());
        }
        if (ctx instanceof AliasedRelationContext aliasedRelation) {
            return aliased(relation(aliasedRelation.relation()), aliasedRelation.tableAlias());
        }
        if (ctx instanceof InlineTableRelationContext inline) {
            return inlineTable(inline.inlineTable());
        }
        TableValuedFunctionContext function = (TableValuedFunctionContext) ctx;
        String name = ExpressionBuilder.functionName(function.functionName());
        List<Expression> arguments = new ArrayList<>();
        for (FunctionArgumentContext argument : function.functionArgument()) {
            if (argument instanceof NamedArgumentContext named) {
                throw unsupported(named, "The named argument " + identifier(named.name) + " => of " + name);
            }
            arguments.add(expressions.expression(((PositionalArgumentContext) argument).expression()));
        }
        return aliased(new TableFunctionCall(name, arguments), function.tableAlias());
    }

    private static boolean hasAlias(TableAliasContext ctx) {
        return ctx.alias != null || ctx.implicitAlias != null;
    }

    /** {@code plan AS t} or {@code plan AS t(a, b)}; the plan itself when there is no alias. */
    private static LogicalPlan aliased(LogicalPlan plan, TableAliasContext ctx) {
        if (!hasAlias(ctx)) {
            return plan;
        }
        String alias = identifier(ctx.alias != null ? ctx.alias : ctx.implicitAlias);
        if (ctx.identifierList() == null) {
            return new SubqueryAlias(alias, plan);
        }
        return new SubqueryAlias(
                alias, new ColumnAliases(alias, ParserUtils.identifierList(ctx.identifierList()), plan));
    }

    /** {@code VALUES (1, 'a'), (2, 'b') [AS t(x, y)]}: columns named as given, else col1, col2, ... */
    private LogicalPlan inlineTable(InlineTableContext ctx) {
        List<List<Expression>> rows = new ArrayList<>();
        for (ExpressionContext row : ctx.rows) {
            List<NamedExpressionContext> items = ExpressionBuilder.rowItems(row);
            if (items == null) {
                rows.add(List.of(expressions.expression(row)));
            } else {
                List<Expression> values = new ArrayList<>();
                for (NamedExpressionContext item : items) {
                    values.add(expressions.expression(item.expression()));
                }
                rows.add(values);
            }
        }
        TableAliasContext alias = ctx.tableAlias();
        List<String> names;
        if (alias.identifierList() != null) {
            names = ParserUtils.identifierList(alias.identifierList());
        } else {
            names = new ArrayList<>();
            for (int i = 1; i <= rows.get(0).size(); i++) {
                names.add("col" + i);
            }
        }
        LogicalPlan table = new InlineTable(names, rows);
        return hasAlias(alias)
                ? new SubqueryAlias(identifier(alias.alias != null ? alias.alias : alias.implicitAlias), table)
                : table;
    }
}
