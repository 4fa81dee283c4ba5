package dev.ember.sql.parser;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.parser.EmberSqlParser.ColumnReferenceContext;
import dev.ember.sql.parser.EmberSqlParser.DereferenceContext;
import dev.ember.sql.parser.EmberSqlParser.NamedExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.PrimaryExpressionContext;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Ember's SQL parser: text in, unresolved plans, expressions and types out. Syntax errors are {@link EmberException}s
 * of class {@link ErrorClass#PARSE_SYNTAX_ERROR}; constructs that parse but that Ember does not run yet are of class
 * {@link ErrorClass#UNSUPPORTED_FEATURE}. Both name the line and column. Instances hold no state.
 */
public final class SqlParser {
    private static final SqlParser DEFAULT = new SqlParser();

    /** The parser; it keeps no state, so one serves every thread. */
    public static SqlParser get() {
        return DEFAULT;
    }

    /** The plan of one statement: a query's logical plan, or a command. */
    public LogicalPlan parsePlan(String sql) {
        return new StatementBuilder().statement(SqlParsing.statement(sql).statement());
    }

    /** One expression, optionally with an alias ({@code a + 1 AS b} is an alias). */
    public Expression parseExpression(String text) {
        NamedExpressionContext ctx = SqlParsing.expression(text).namedExpression();
        return new AstBuilder().expressions.namedExpression(ctx, false);
    }

    /** A data type such as {@code DECIMAL(10, 2)} or {@code MAP<STRING, ARRAY<INT>>}. */
    public DataType parseDataType(String text) {
        return DataTypeBuilder.dataType(SqlParsing.dataType(text).dataType());
    }

    /** A schema written as column definitions: {@code a INT, b STRING NOT NULL COMMENT 'x'}. */
    public StructType parseTableSchema(String text) {
        return DataTypeBuilder.schema(SqlParsing.tableSchema(text).colsDdl());
    }

    /** A dotted name such as {@code db.t} or {@code `my db`.`a.b`}, as its parts. */
    public List<String> parseMultipartIdentifier(String text) {
        NamedExpressionContext ctx = SqlParsing.expression(text).namedExpression();
        PrimaryExpressionContext primary = null;
        if (ctx.alias == null && ctx.implicitAlias == null && ctx.aliases == null) {
            primary = primaryOf(ctx);
        }
        List<String> parts = new ArrayList<>();
        if (primary == null || !collectName(primary, parts)) {
            throw new EmberException(
                    ErrorClass.PARSE_SYNTAX_ERROR, "'" + text + "' is not a name such as db.table (line 1, column 1)");
        }
        return parts;
    }

    private static boolean collectName(PrimaryExpressionContext ctx, List<String> parts) {
        if (ctx instanceof ColumnReferenceContext column) {
            parts.add(ParserUtils.identifier(column.identifier()));
            return true;
        }
        if (ctx instanceof DereferenceContext dereference && collectName(dereference.base, parts)) {
            parts.add(ParserUtils.identifier(dereference.fieldName));
            return true;
        }
        return false;
    }

    /** The primary expression a named expression consists of, if it is nothing more, else null. */
    private static PrimaryExpressionContext primaryOf(NamedExpressionContext ctx) {
        if (ctx.expression().booleanExpression() instanceof EmberSqlParser.PredicatedContext p
                && p.predicate() == null
                && p.valueExpression() instanceof EmberSqlParser.ValueExpressionDefaultContext v) {
            return v.primaryExpression();
        }
        return null;
    }
}
