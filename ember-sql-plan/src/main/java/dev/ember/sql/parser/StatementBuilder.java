package dev.ember.sql.parser;

import static dev.ember.sql.parser.ParserUtils.atMostOnce;
import static dev.ember.sql.parser.ParserUtils.identifier;
import static dev.ember.sql.parser.ParserUtils.invalid;
import static dev.ember.sql.parser.ParserUtils.multipartIdentifier;

import dev.ember.sql.parser.EmberSqlParser.*;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.commands.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the plans of statements: a query's plan, or one of the {@link Command} records. */
final class StatementBuilder {
    private final AstBuilder queries = new AstBuilder();

    LogicalPlan statement(StatementContext ctx) {
        if (ctx instanceof QueryStatementContext q) {
            return queries.query(q.query());
        }
        if (ctx instanceof CreateTempViewUsingContext c) {
            return new CreateTempViewUsing(
                    multipartIdentifier(c.name),
                    c.REPLACE() != null,
                    c.GLOBAL() != null,
                    c.colsDdl() == null ? null : DataTypeBuilder.schema(c.colsDdl()),
                    String.join(".", multipartIdentifier(c.provider)),
                    c.options == null ? Map.of() : properties(c.options, true));
        }
        if (ctx instanceof CreateViewContext c) {
            return createView(c);
        }
        if (ctx instanceof DropViewContext d) {
            return new DropView(multipartIdentifier(d.name), d.EXISTS() != null);
        }
        if (ctx instanceof CreateTableContext c) {
            return createTable(c);
        }
        if (ctx instanceof DropTableContext d) {
            return new DropTable(multipartIdentifier(d.name), d.EXISTS() != null, d.PURGE() != null);
        }
        if (ctx instanceof InsertIntoContext i) {
            return new InsertInto(
                    multipartIdentifier(i.name),
                    partition(i.partitionSpec()),
                    ParserUtils.identifierList(i.identifierList()),
                    queries.query(i.query()),
                    i.OVERWRITE() != null);
        }
        if (ctx instanceof TruncateTableContext t) {
            return new TruncateTable(multipartIdentifier(t.name), partition(t.partitionSpec()));
        }
        if (ctx instanceof AnalyzeTableContext a) {
            return new AnalyzeTable(
                    multipartIdentifier(a.name),
                    partition(a.partitionSpec()),
                    a.NOSCAN() != null,
                    ParserUtils.identifiers(a.columns),
                    a.ALL() != null);
        }
        if (ctx instanceof RenameTableContext r) {
            return new AlterTableRename(multipartIdentifier(r.name), multipartIdentifier(r.newName), r.VIEW() != null);
        }
        if (ctx instanceof AddColumnsContext a) {
            List<ColDefinitionContext> columns = a.colDefinition() != null
                    ? List.of(a.colDefinition())
                    : a.colsDdl().colDefinition();
            return new AlterTableAddColumns(multipartIdentifier(a.name), columns(columns));
        }
        if (ctx instanceof SetTablePropertiesContext s) {
            return new AlterTableSetProperties(
                    multipartIdentifier(s.name), properties(s.propertyList(), true), s.VIEW() != null);
        }
        if (ctx instanceof SetTableOptionsContext s) {
            return new AlterTableSetOptions(multipartIdentifier(s.name), properties(s.propertyList(), true));
        }
        if (ctx instanceof ShowCreateTableContext s) {
            return new ShowCreateTable(multipartIdentifier(s.name));
        }
        if (ctx instanceof ShowPartitionsContext s) {
            return new ShowPartitions(multipartIdentifier(s.name), partition(s.partitionSpec()));
        }
        if (ctx instanceof UnsetTablePropertiesContext u) {
            return new AlterTableUnsetProperties(
                    multipartIdentifier(u.name),
                    new ArrayList<>(properties(u.propertyList(), false).keySet()),
                    u.EXISTS() != null,
                    u.VIEW() != null);
        }
        if (ctx instanceof RefreshTableContext r) {
            return new RefreshTable(multipartIdentifier(r.name));
        }
        return catalogStatement(ctx);
    }

    private LogicalPlan catalogStatement(StatementContext ctx) {
        if (ctx instanceof CreateDatabaseContext c) {
            StringLitContext comment = atMostOnce(c.comments, "COMMENT");
            StringLitContext location = atMostOnce(c.locations, "LOCATION");
            PropertyListContext properties = atMostOnce(c.properties, "WITH DBPROPERTIES");
            return new CreateDatabase(
                    multipartIdentifier(c.name),
                    c.EXISTS() != null,
                    comment == null ? null : ParserUtils.string(comment),
                    location == null ? null : ParserUtils.string(location),
                    properties == null ? Map.of() : properties(properties, true));
        }
        if (ctx instanceof DropDatabaseContext d) {
            return new DropDatabase(multipartIdentifier(d.name), d.EXISTS() != null, d.CASCADE() != null);
        }
        if (ctx instanceof UseContext u) {
            return new UseDatabase(multipartIdentifier(u.name));
        }
        if (ctx instanceof ShowDatabasesContext s) {
            return new ShowDatabases(s.pattern == null ? null : ParserUtils.string(s.pattern));
        }
        if (ctx instanceof ShowTablesContext s) {
            return new ShowTables(
                    s.database == null ? null : multipartIdentifier(s.database),
                    s.pattern == null ? null : ParserUtils.string(s.pattern));
        }
        if (ctx instanceof ShowColumnsContext s) {
            return showColumns(s);
        }
        if (ctx instanceof ShowFunctionsContext s) {
            return new ShowFunctions(s.pattern == null ? null : ParserUtils.string(s.pattern));
        }
        if (ctx instanceof DescribeFunctionContext d) {
            String name = d.stringLit() != null
                    ? ParserUtils.string(d.stringLit())
                    : ExpressionBuilder.functionName(d.functionName());
            return new DescribeFunction(name, d.EXTENDED() != null);
        }
        if (ctx instanceof DescribeDatabaseContext d) {
            return new DescribeDatabase(multipartIdentifier(d.name), d.EXTENDED() != null);
        }
        if (ctx instanceof DescribeQueryContext d) {
            return new DescribeQuery(queries.query(d.query()));
        }
        if (ctx instanceof DescribeTableContext d) {
            return new DescribeTable(multipartIdentifier(d.name), d.option != null);
        }
        if (ctx instanceof ExplainContext e) {
            return explain(e);
        }
        if (ctx instanceof CacheTableContext c) {
            return new CacheTable(
                    multipartIdentifier(c.name),
                    c.LAZY() != null,
                    c.query() == null ? null : queries.query(c.query()),
                    c.options == null ? Map.of() : properties(c.options, true));
        }
        if (ctx instanceof UncacheTableContext u) {
            return new UncacheTable(multipartIdentifier(u.name), u.EXISTS() != null);
        }
        if (ctx instanceof ClearCacheContext) {
            return new ClearCache();
        }
        if (ctx instanceof SetConfigurationContext s) {
            if (s.configKey() == null) {
                return new SetConfiguration(null, null);
            }
            String key = SqlParsing.rawText(s.configKey()).strip();
            String value = s.EQ() == null
                    ? null
                    : s.configValue() == null
                            ? ""
                            : SqlParsing.rawText(s.configValue()).strip();
            return new SetConfiguration(key, value);
        }
        if (ctx instanceof ResetConfigurationContext r) {
            return new ResetConfiguration(
                    r.configKey() == null
                            ? null
                            : SqlParsing.rawText(r.configKey()).strip());
        }
        throw ParserUtils.unsupported(
                ctx, "The statement " + ctx.getStart().getText().toUpperCase(Locale.ROOT));
    }

    private LogicalPlan explain(ExplainContext ctx) {
        Explain.Mode mode = Explain.Mode.SIMPLE;
        if (ctx.explainMode != null) {
            mode = switch (ctx.explainMode.getType()) {
                case EmberSqlLexer.EXTENDED -> Explain.Mode.EXTENDED;
                case EmberSqlLexer.FORMATTED -> Explain.Mode.FORMATTED;
                case EmberSqlLexer.CODEGEN -> Explain.Mode.CODEGEN;
                case EmberSqlLexer.COST -> Explain.Mode.COST;
                default -> throw ParserUtils.unsupported(ctx, "EXPLAIN LOGICAL");
            };
        }
        return new Explain(statement(ctx.statement()), mode);
    }

    private LogicalPlan createView(CreateViewContext ctx) {
        boolean replace = ctx.REPLACE() != null;
        boolean ifNotExists = ctx.EXISTS() != null;
        boolean temporary = ctx.TEMPORARY() != null;
        if (replace && ifNotExists) {
            throw invalid(ctx, "CREATE VIEW cannot have both OR REPLACE and IF NOT EXISTS");
        }
        if (temporary && ifNotExists) {
            throw invalid(ctx, "A TEMPORARY view cannot be created with IF NOT EXISTS");
        }
        List<CreateView.ViewColumn> columns = new ArrayList<>();
        for (ViewColumnContext column : ctx.viewColumn()) {
            columns.add(new CreateView.ViewColumn(
                    identifier(column.name), column.comment == null ? null : ParserUtils.string(column.comment)));
        }
        return new CreateView(
                multipartIdentifier(ctx.name),
                columns,
                queries.query(ctx.query()),
                replace,
                temporary,
                ctx.GLOBAL() != null,
                ifNotExists,
                SqlParsing.rawText(ctx.query()),
                ctx.comment == null ? null : ParserUtils.string(ctx.comment),
                ctx.properties == null ? Map.of() : properties(ctx.properties, true));
    }

    private LogicalPlan createTable(CreateTableContext ctx) {
        boolean replace = ctx.REPLACE() != null;
        boolean ifNotExists = ctx.EXISTS() != null;
        if (replace && ifNotExists) {
            throw invalid(ctx, "CREATE TABLE cannot have both OR REPLACE and IF NOT EXISTS");
        }
        if (ctx.colsDdl() != null && ctx.query() != null) {
            throw invalid(ctx.colsDdl(), "CREATE TABLE ... AS SELECT takes its columns from the query, not a list");
        }
        CreateTableClausesContext clauses = ctx.createTableClauses();
        IdentifierListContext partitioned = atMostOnce(clauses.partitionColumns, "PARTITIONED BY");
        StringLitContext location = atMostOnce(clauses.locations, "LOCATION");
        PropertyListContext options = atMostOnce(clauses.options, "OPTIONS");
        StringLitContext comment = atMostOnce(clauses.comments, "COMMENT");
        PropertyListContext properties = atMostOnce(clauses.properties, "TBLPROPERTIES");
        return new CreateTable(
                multipartIdentifier(ctx.name),
                ctx.colsDdl() == null ? List.of() : columns(ctx.colsDdl().colDefinition()),
                ctx.provider == null ? null : String.join(".", multipartIdentifier(ctx.provider)),
                ParserUtils.identifierList(partitioned),
                location == null ? null : ParserUtils.string(location),
                options == null ? Map.of() : properties(options, true),
                comment == null ? null : ParserUtils.string(comment),
                properties == null ? Map.of() : properties(properties, true),
                ctx.query() == null ? null : queries.query(ctx.query()),
                replace,
                ifNotExists);
    }

    private List<ColumnDefinition> columns(List<ColDefinitionContext> contexts) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (ColDefinitionContext column : contexts) {
            columns.add(new ColumnDefinition(
                    identifier(column.name),
                    DataTypeBuilder.dataType(column.dataType()),
                    column.NOT() == null,
                    column.defaultValue == null ? null : queries.expressions.expression(column.defaultValue),
                    column.comment == null ? null : ParserUtils.string(column.comment)));
        }
        return columns;
    }

    private LogicalPlan showColumns(ShowColumnsContext ctx) {
        List<String> table = multipartIdentifier(ctx.table);
        if (ctx.database == null) {
            return new ShowColumns(table);
        }
        List<String> database = multipartIdentifier(ctx.database);
        if (table.size() > 1) {
            List<String> namespace = table.subList(0, table.size() - 1);
            if (!namespace.equals(database)) {
                throw invalid(
                        ctx,
                        "SHOW COLUMNS names the database " + String.join(".", database) + " but the table "
                                + String.join(".", table));
            }
            return new ShowColumns(table);
        }
        List<String> qualified = new ArrayList<>(database);
        qualified.addAll(table);
        return new ShowColumns(qualified);
    }

    private List<PartitionValue> partition(PartitionSpecContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<PartitionValue> values = new ArrayList<>();
        for (PartitionValueContext value : ctx.partitionValue()) {
            values.add(new PartitionValue(
                    identifier(value.identifier()),
                    value.constant() == null ? null : queries.expressions.expression(value.constant())));
        }
        return values;
    }

    /**
     * The keys and values of OPTIONS or TBLPROPERTIES, in order. A key given twice is an error, and so is a key
     * without a value when {@code valuesRequired}.
     */
    static Map<String, String> properties(PropertyListContext ctx, boolean valuesRequired) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (PropertyContext property : ctx.property()) {
            StringLitContext keyString = property.key.stringLit();
            String key = keyString != null
                    ? ParserUtils.string(keyString)
                    : String.join(".", ParserUtils.identifiers(property.key.identifier()));
            String value = null;
            if (property.value == null
                    && keyString != null
                    && keyString.STRING_LITERAL().size() > 1) {
                // ('k' 'v'): the grammar joins adjacent strings, so the key took the value too.
                var parts = keyString.STRING_LITERAL();
                key = ParserUtils.unescape(parts.get(0).getText());
                StringBuilder joined = new StringBuilder();
                for (var part : parts.subList(1, parts.size())) {
                    joined.append(ParserUtils.unescape(part.getText()));
                }
                value = joined.toString();
            } else if (property.value != null) {
                PropertyValueContext v = property.value;
                if (v.stringLit() != null) {
                    value = ParserUtils.string(v.stringLit());
                } else if (v.booleanValue() != null) {
                    value = v.getText().toLowerCase(Locale.ROOT);
                } else if (v.identifier() != null) {
                    value = identifier(v.identifier());
                } else {
                    value = v.getText();
                }
            } else if (valuesRequired) {
                throw invalid(property, "The key " + key + " needs a value");
            }
            if (properties.containsKey(key)) {
                throw invalid(property, "The key " + key + " is given more than once");
            }
            properties.put(key, value == null ? "" : value);
        }
        return properties;
    }
}
