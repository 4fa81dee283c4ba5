package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogDatabase;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.ExternalCatalog;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.catalog.TempViews;
import dev.ember.sql.plans.logical.commands.AlterTableAddColumns;
import dev.ember.sql.plans.logical.commands.AlterTableRename;
import dev.ember.sql.plans.logical.commands.AlterTableSetOptions;
import dev.ember.sql.plans.logical.commands.AlterTableSetProperties;
import dev.ember.sql.plans.logical.commands.AlterTableUnsetProperties;
import dev.ember.sql.plans.logical.commands.AnalyzeTable;
import dev.ember.sql.plans.logical.commands.ColumnDefinition;
import dev.ember.sql.plans.logical.commands.Command;
import dev.ember.sql.plans.logical.commands.CreateDatabase;
import dev.ember.sql.plans.logical.commands.CreateTable;
import dev.ember.sql.plans.logical.commands.DescribeDatabase;
import dev.ember.sql.plans.logical.commands.DescribeTable;
import dev.ember.sql.plans.logical.commands.DropDatabase;
import dev.ember.sql.plans.logical.commands.DropTable;
import dev.ember.sql.plans.logical.commands.InsertInto;
import dev.ember.sql.plans.logical.commands.RefreshTable;
import dev.ember.sql.plans.logical.commands.ShowCreateTable;
import dev.ember.sql.plans.logical.commands.ShowDatabases;
import dev.ember.sql.plans.logical.commands.ShowPartitions;
import dev.ember.sql.plans.logical.commands.ShowTables;
import dev.ember.sql.plans.logical.commands.TruncateTable;
import dev.ember.sql.plans.logical.commands.UseDatabase;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.warehouse.FileCommit;
import dev.ember.sql.warehouse.WarehouseCatalog;
import dev.ember.util.UniqueIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs the statements on databases and tables of the persistent catalog: {@code CREATE/DROP/USE DATABASE}, {@code
 * CREATE TABLE [AS SELECT]}, {@code INSERT}, {@code TRUNCATE}, {@code ALTER TABLE}, {@code DROP TABLE}, {@code SHOW
 * ...} and {@code DESCRIBE}.
 */
final class TableCommands {
    private TableCommands() {}

    /** The rows the command reports, or null if it is not one of these statements. */
    static List<Object[]> execute(EmberSession session, Command command) {
        SessionCatalog catalog = session.sessionCatalog();
        if (command instanceof CreateDatabase create) {
            String name = single(create.nameParts(), "a database");
            WarehouseCatalog.checkName(name, "database");
            String location = create.location() != null
                    ? Path.of(dev.ember.sql.sources.FileIndex.stripScheme(create.location()))
                            .toAbsolutePath()
                            .normalize()
                            .toString()
                    : Path.of(catalog.external()
                                    .database(ExternalCatalog.DEFAULT_DATABASE)
                                    .orElseThrow()
                                    .location())
                            .resolve(name + ".db")
                            .toString();
            catalog.external()
                    .createDatabase(
                            new CatalogDatabase(name, location, create.comment(), create.properties()),
                            create.ifNotExists());
            return List.of();
        }
        if (command instanceof DropDatabase drop) {
            String name = single(drop.nameParts(), "a database");
            for (String table : catalog.external().tables(name)) {
                uncache(session, List.of(name, table));
            }
            catalog.external().dropDatabase(name, drop.ifExists(), drop.cascade());
            if (catalog.currentDatabase().equals(name)) {
                catalog.setCurrentDatabase(ExternalCatalog.DEFAULT_DATABASE);
            }
            return List.of();
        }
        if (command instanceof UseDatabase use) {
            catalog.setCurrentDatabase(single(use.nameParts(), "a database"));
            return List.of();
        }
        if (command instanceof ShowDatabases show) {
            Pattern pattern = show.pattern() == null ? null : Commands.likePattern(show.pattern());
            List<Object[]> rows = new ArrayList<>();
            for (String name : catalog.external().databases()) {
                if (pattern == null || pattern.matcher(name).matches()) {
                    rows.add(new Object[] {name});
                }
            }
            return rows;
        }
        if (command instanceof DescribeDatabase describe) {
            CatalogDatabase database = catalog.requireDatabase(single(describe.nameParts(), "a database"));
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"Catalog Name", SessionCatalog.SESSION_CATALOG_NAME});
            rows.add(new Object[] {"Namespace Name", database.name()});
            rows.add(new Object[] {"Comment", database.comment() == null ? "" : database.comment()});
            rows.add(new Object[] {"Location", "file:" + database.location()});
            if (describe.extended()) {
                rows.add(new Object[] {"Properties", properties(database.properties())});
            }
            return rows;
        }
        if (command instanceof CreateTable create) {
            createTable(session, create);
            return List.of();
        }
        if (command instanceof InsertInto insert) {
            CatalogTable table = writableTable(session, insert.table());
            Tables.insert(
                    session,
                    table,
                    Dataset.ofRows(session, insert.query()),
                    insert.partition(),
                    insert.columns(),
                    insert.overwrite(),
                    false);
            return List.of();
        }
        if (command instanceof DropTable drop) {
            List<String> parts = drop.nameParts();
            if (parts.size() == 1 && catalog.tempViews().drop(parts.get(0))) {
                return List.of();
            }
            if (catalog.findTable(parts).isEmpty()) {
                if (drop.ifExists()) {
                    return List.of();
                }
                catalog.requireTable(parts);
            }
            uncache(session, parts);
            SessionCatalog.TableName name = catalog.tableName(parts);
            catalog.external().dropTable(name.database(), name.table());
            return List.of();
        }
        if (command instanceof TruncateTable truncate) {
            CatalogTable table = writableTable(session, truncate.nameParts());
            if (table.type() == CatalogTable.TableType.EXTERNAL) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "TRUNCATE TABLE would delete the files of the external table " + table.qualifiedName()
                                + ", which belong to their owner; use INSERT OVERWRITE to replace its rows");
            }
            FileCommit.Overwrite replace;
            if (truncate.partition().isEmpty()) {
                replace = FileCommit.Overwrite.all();
            } else {
                Map<String, Object> values =
                        Tables.partitionValues(session, table, truncate.partition(), "TRUNCATE TABLE");
                replace = FileCommit.Overwrite.partitions(Tables.matchingPartitions(session, table, values));
            }
            FileCommit.commit(Path.of(table.location()), UniqueIds.randomUuid().toString(), List.of(), replace);
            Tables.afterWrite(session, table);
            return List.of();
        }
        if (command instanceof AlterTableRename rename) {
            return renameTable(session, rename);
        }
        if (command instanceof AlterTableAddColumns add) {
            CatalogTable table = writableTable(session, add.nameParts());
            // Computed from the entry as it is under the catalog's lock, so a concurrent change is not lost.
            alter(session, table, current -> {
                List<StructField> data = new ArrayList<>(current.dataSchema().fields());
                for (ColumnDefinition column : add.columns()) {
                    if (current.schema().indexOf(column.name()).isPresent() || contains(data, column.name())) {
                        throw new EmberException(
                                ErrorClass.ALREADY_EXISTS,
                                "The table " + current.qualifiedName() + " has a column "
                                        + Identifiers.quote(column.name()) + " already");
                    }
                    data.add(field(column));
                }
                data.addAll(current.partitionSchema().fields());
                return current.withSchema(new StructType(data));
            });
            return List.of();
        }
        if (command instanceof AlterTableSetProperties set) {
            CatalogTable table = alterableTable(session, set.nameParts(), set.isView());
            alter(session, table, current -> {
                Map<String, String> properties = new TreeMap<>(current.properties());
                properties.putAll(set.properties());
                return current.withOptions(current.options(), properties);
            });
            return List.of();
        }
        if (command instanceof AlterTableUnsetProperties unset) {
            CatalogTable table = alterableTable(session, unset.nameParts(), unset.isView());
            alter(session, table, current -> {
                Map<String, String> properties = new TreeMap<>(current.properties());
                for (String key : unset.keys()) {
                    if (properties.remove(key) == null && !unset.ifExists()) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The table " + current.qualifiedName() + " has no property '" + key
                                        + "'; use UNSET TBLPROPERTIES IF EXISTS to ignore that");
                    }
                }
                return current.withOptions(current.options(), properties);
            });
            return List.of();
        }
        if (command instanceof AlterTableSetOptions set) {
            CatalogTable table = writableTable(session, set.nameParts());
            alter(session, table, current -> {
                Map<String, String> options = new TreeMap<>(current.options());
                options.putAll(set.options());
                options.remove("path");
                return current.withOptions(options, current.properties());
            });
            return List.of();
        }
        if (command instanceof RefreshTable refresh) {
            // Files are listed when a query is planned; a cached table is read again on its next use.
            Dataset<Row> table = session.table(String.join(".", refresh.nameParts()));
            if (session.cacheManager().isCached(table.analyzedPlan())) {
                table.unpersist();
                table.cache();
            }
            return List.of();
        }
        if (command instanceof AnalyzeTable analyze) {
            TableStatisticsCommand.analyze(session, writableTable(session, analyze.nameParts()), analyze);
            return List.of();
        }
        if (command instanceof ShowTables show) {
            return showTables(session, show);
        }
        if (command instanceof DescribeTable describe) {
            var table = describe.nameParts().size() == 1
                            && catalog.tempViews()
                                    .lookup(describe.nameParts().get(0))
                                    .isPresent()
                    ? java.util.Optional.<CatalogTable>empty()
                    : catalog.findTable(describe.nameParts());
            if (table.isEmpty()) {
                return null;
            }
            return TableDescriptions.describe(table.get(), describe.extended());
        }
        if (command instanceof ShowCreateTable show) {
            return List.<Object[]>of(
                    new Object[] {TableDescriptions.createStatement(catalog.requireTable(show.nameParts()))});
        }
        if (command instanceof ShowPartitions show) {
            return TableDescriptions.partitions(session, writableTable(session, show.nameParts()), show.partition());
        }
        return null;
    }

    private static void createTable(EmberSession session, CreateTable create) {
        SessionCatalog catalog = session.sessionCatalog();
        SessionCatalog.TableName name = catalog.tableName(create.name());
        if (create.replace()) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "CREATE OR REPLACE TABLE is not supported; use INSERT OVERWRITE to replace a table's rows, or DROP"
                            + " TABLE and then CREATE TABLE");
        }
        if (catalog.external().table(name.database(), name.table()).isPresent()) {
            if (create.ifNotExists()) {
                return;
            }
            throw new EmberException(
                    ErrorClass.ALREADY_EXISTS,
                    "The table " + name + " exists already; use CREATE TABLE IF NOT EXISTS to ignore that, or INSERT"
                            + " to add rows");
        }
        catalog.requireDatabase(name.database());
        for (ColumnDefinition column : create.columns()) {
            if (column.defaultValue() != null) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "Column defaults (DEFAULT on " + Identifiers.quote(column.name()) + ") are not supported yet");
            }
        }
        Map<String, String> properties = new TreeMap<>(create.properties());
        if (create.query() != null) {
            if (!create.columns().isEmpty()) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "CREATE TABLE ... AS SELECT takes its columns from the query; leave out the column list");
            }
            Dataset<Row> data = Dataset.ofRows(session, create.query());
            CatalogTable table = Tables.define(
                    session,
                    name,
                    create.provider(),
                    data.schema(),
                    create.partitionColumns(),
                    create.location(),
                    create.options(),
                    properties,
                    create.comment());
            Tables.createAs(session, table, data);
            return;
        }
        StructType schema;
        if (!create.columns().isEmpty()) {
            List<StructField> fields = new ArrayList<>();
            for (ColumnDefinition column : create.columns()) {
                fields.add(field(column));
            }
            schema = new StructType(fields);
        } else if (create.location() != null || create.options().containsKey("path")) {
            // A table over files that exist: the format tells their columns, as read().load() would.
            String path = create.location() != null
                    ? create.location()
                    : create.options().get("path");
            DataFrameReader reader = session.read().options(create.options());
            if (create.provider() != null) {
                reader = reader.format(create.provider());
            }
            schema = reader.load(path).schema();
        } else {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "CREATE TABLE " + name + " needs its columns, a LOCATION with files to take them from, or AS"
                            + " SELECT");
        }
        catalog.external()
                .createTable(
                        Tables.define(
                                session,
                                name,
                                create.provider(),
                                schema,
                                create.partitionColumns(),
                                create.location(),
                                create.options(),
                                properties,
                                create.comment()),
                        false);
    }

    private static List<Object[]> renameTable(EmberSession session, AlterTableRename rename) {
        SessionCatalog catalog = session.sessionCatalog();
        List<String> from = rename.nameParts();
        if (from.size() == 1) {
            TempViews views = catalog.tempViews();
            var view = views.lookup(from.get(0));
            if (view.isPresent()) {
                String to = single(rename.newNameParts(), "a temporary view");
                views.create(to, view.get().plan(), false);
                views.drop(from.get(0));
                return List.of();
            }
        }
        if (rename.isView()) {
            throw new EmberException(
                    ErrorClass.TABLE_OR_VIEW_NOT_FOUND,
                    "The view " + String.join(".", from) + " cannot be found; only temporary views exist");
        }
        CatalogTable table = catalog.requireTable(from);
        SessionCatalog.TableName target = rename.newNameParts().size() == 1
                ? new SessionCatalog.TableName(
                        table.database(),
                        Identifiers.normalize(rename.newNameParts().get(0)))
                : catalog.tableName(rename.newNameParts());
        if (!target.database().equals(table.database())) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "ALTER TABLE ... RENAME TO cannot move " + table.qualifiedName() + " to the database "
                            + target.database() + "; a table stays in its database, as in Spark");
        }
        uncache(session, from);
        catalog.external().renameTable(table.database(), table.name(), target.database(), target.table());
        return List.of();
    }

    private static List<Object[]> showTables(EmberSession session, ShowTables show) {
        SessionCatalog catalog = session.sessionCatalog();
        Pattern pattern = show.pattern() == null ? null : Commands.likePattern(show.pattern());
        List<Object[]> rows = new ArrayList<>();
        String database = catalog.currentDatabase();
        if (show.database() != null) {
            database = Identifiers.normalize(single(show.database(), "a database"));
        }
        if (database.equals(SessionCatalog.GLOBAL_TEMP_DATABASE)) {
            for (String name : catalog.globalTempViews().names()) {
                if (pattern == null || pattern.matcher(name).matches()) {
                    rows.add(new Object[] {SessionCatalog.GLOBAL_TEMP_DATABASE, name, true});
                }
            }
        } else {
            catalog.requireDatabase(database);
            for (String name : catalog.external().tables(database)) {
                if (pattern == null || pattern.matcher(name).matches()) {
                    rows.add(new Object[] {database, name, false});
                }
            }
        }
        for (String name : catalog.tempViews().names()) {
            if (pattern == null || pattern.matcher(name).matches()) {
                rows.add(new Object[] {"", name, true});
            }
        }
        return rows;
    }

    /** The table a statement changes or reads the files of; a temporary view is refused with a clear error. */
    private static CatalogTable writableTable(EmberSession session, List<String> nameParts) {
        SessionCatalog catalog = session.sessionCatalog();
        if (nameParts.size() == 1
                && catalog.tempViews().lookup(nameParts.get(0)).isPresent()) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    Identifiers.quote(nameParts.get(0)) + " is a temporary view, not a table: it cannot be written,"
                            + " truncated, altered or analyzed");
        }
        return catalog.requireTable(nameParts);
    }

    private static CatalogTable alterableTable(EmberSession session, List<String> nameParts, boolean isView) {
        if (isView) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "ALTER VIEW ... TBLPROPERTIES needs a permanent view; Ember has temporary views only");
        }
        return writableTable(session, nameParts);
    }

    private static void alter(
            EmberSession session, CatalogTable table, java.util.function.UnaryOperator<CatalogTable> change) {
        session.sessionCatalog().external().alterTable(table.database(), table.name(), change);
    }

    private static void uncache(EmberSession session, List<String> nameParts) {
        session.sessionCatalog().findRelation(nameParts).ifPresent(plan -> {
            Dataset<Row> table = Dataset.ofRows(session, plan);
            if (session.cacheManager().isCached(table.analyzedPlan())) {
                table.unpersist();
            }
        });
    }

    private static boolean contains(List<StructField> fields, String name) {
        for (StructField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static StructField field(ColumnDefinition column) {
        return new StructField(column.name(), column.dataType(), column.nullable(), column.comment());
    }

    static String properties(Map<String, String> properties) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(properties).forEach((key, value) -> parts.add("(" + key + "," + value + ")"));
        return "[" + String.join(",", parts) + "]";
    }

    private static String single(List<String> name, String what) {
        if (name.size() != 1) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The name of " + what + " is one identifier, not " + String.join(".", name));
        }
        return Identifiers.normalize(name.get(0));
    }
}
