package dev.ember.sql;

import dev.ember.sql.catalog.CatalogDatabase;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session's catalog as the API shows it, with Spark's names: databases, tables and views, functions, caching.
 * Listings are Datasets with Spark's columns, so {@code listTables().show()} prints what a Spark user expects.
 */
public final class Catalog {
    private static final StructType DATABASES = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("catalog", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("locationUri", DataTypes.StringType);
    private static final StructType TABLES = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("catalog", DataTypes.StringType)
            .add("namespace", DataTypes.createArrayType(DataTypes.StringType))
            .add("description", DataTypes.StringType)
            .add("tableType", DataTypes.StringType, false)
            .add("isTemporary", DataTypes.BooleanType, false);
    private static final StructType COLUMNS = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("description", DataTypes.StringType)
            .add("dataType", DataTypes.StringType, false)
            .add("nullable", DataTypes.BooleanType, false)
            .add("isPartition", DataTypes.BooleanType, false)
            .add("isBucket", DataTypes.BooleanType, false);

    private final EmberSession session;

    Catalog(EmberSession session) {
        this.session = session;
    }

    private SessionCatalog catalog() {
        return session.sessionCatalog();
    }

    public String currentDatabase() {
        return catalog().currentDatabase();
    }

    public void setCurrentDatabase(String name) {
        catalog().setCurrentDatabase(name);
    }

    /** The databases: name, catalog, description, locationUri. */
    public Dataset<Row> listDatabases() {
        List<Row> rows = new ArrayList<>();
        for (String name : catalog().external().databases()) {
            Optional<CatalogDatabase> database = catalog().external().database(name);
            database.ifPresent(found -> rows.add(RowFactory.create(
                    found.name(), SessionCatalog.SESSION_CATALOG_NAME, found.comment(), "file:" + found.location())));
        }
        return session.createDataFrame(rows, DATABASES);
    }

    public boolean databaseExists(String name) {
        return catalog()
                .external()
                .database(dev.ember.sql.types.Identifiers.normalize(name))
                .isPresent();
    }

    /** The current database's tables, then the temporary views: name, catalog, namespace, description, tableType, isTemporary. */
    public Dataset<Row> listTables() {
        return listTables(currentDatabase());
    }

    /** A database's tables, then the temporary views. */
    public Dataset<Row> listTables(String database) {
        String name = dev.ember.sql.types.Identifiers.normalize(database);
        catalog().requireDatabase(name);
        List<Row> rows = new ArrayList<>();
        for (String table : catalog().external().tables(name)) {
            catalog()
                    .external()
                    .table(name, table)
                    .ifPresent(found -> rows.add(RowFactory.create(
                            found.name(),
                            SessionCatalog.SESSION_CATALOG_NAME,
                            List.of(found.database()),
                            found.comment(),
                            found.type().name(),
                            false)));
        }
        for (String view : catalog().tempViews().names()) {
            rows.add(RowFactory.create(view, null, List.of(), null, "TEMPORARY", true));
        }
        return session.createDataFrame(rows, TABLES);
    }

    /** The columns of a table or view: name, description, dataType, nullable, isPartition, isBucket. */
    public Dataset<Row> listColumns(String table) {
        List<String> parts = SqlParser.get().parseMultipartIdentifier(table);
        Optional<CatalogTable> catalogTable =
                parts.size() == 1 && catalog().tempViews().lookup(parts.get(0)).isPresent()
                        ? Optional.empty()
                        : catalog().findTable(parts);
        StructType schema = catalogTable.map(CatalogTable::schema).orElseGet(() -> session.table(table)
                .schema());
        List<Row> rows = new ArrayList<>();
        for (StructField field : schema) {
            boolean partition = catalogTable
                    .map(found -> found.isPartitionColumn(field.name()))
                    .orElse(false);
            rows.add(RowFactory.create(
                    field.name(),
                    field.comment(),
                    field.dataType().simpleString(),
                    field.nullable(),
                    partition,
                    false));
        }
        return session.createDataFrame(rows, COLUMNS);
    }

    /** The columns of a table of a database. */
    public Dataset<Row> listColumns(String database, String table) {
        return listColumns(database + "." + table);
    }

    public List<String> listFunctions() {
        return catalog().functions().names();
    }

    /** Whether a temporary view, or a table of the catalog, has this name. */
    public boolean tableExists(String name) {
        List<String> parts = SqlParser.get().parseMultipartIdentifier(name);
        // A table's entry is enough: its files need not be listed to know it exists.
        boolean view = parts.size() == 1
                ? catalog().tempViews().lookup(parts.get(0)).isPresent()
                : parts.size() == 2
                        && dev.ember.sql.types.Identifiers.normalize(parts.get(0))
                                .equals(SessionCatalog.GLOBAL_TEMP_DATABASE)
                        && catalog().globalTempViews().lookup(parts.get(1)).isPresent();
        return view || catalog().findTable(parts).isPresent();
    }

    public boolean tableExists(String database, String table) {
        return catalog().findTable(List.of(database, table)).isPresent();
    }

    public boolean functionExists(String name) {
        return catalog().functions().lookup(name).isPresent();
    }

    /**
     * An external table over the files at {@code path} in the default format, their columns taken from the files; the
     * Dataset that reads it.
     */
    public Dataset<Row> createTable(String table, String path) {
        return createTable(table, path, session.conf().get(SqlConfig.DEFAULT_SOURCE));
    }

    public Dataset<Row> createTable(String table, String path, String source) {
        session.sql("CREATE TABLE " + table + " USING " + dev.ember.sql.types.Identifiers.quoteIfNeeded(source)
                + " LOCATION '" + path.replace("\\", "\\\\").replace("'", "\\'") + "'");
        return session.table(table);
    }

    /** Reads the table's files afresh; a cached table is cached again on its next use. */
    public void refreshTable(String name) {
        session.sql("REFRESH TABLE " + name);
    }

    public boolean dropTempView(String name) {
        return catalog().tempViews().drop(name);
    }

    public boolean dropGlobalTempView(String name) {
        return catalog().globalTempViews().drop(name);
    }

    public void cacheTable(String name) {
        session.table(name).cache();
    }

    public void uncacheTable(String name) {
        session.table(name).unpersist();
    }

    public boolean isCached(String name) {
        return session.cacheManager().isCached(session.table(name).analyzedPlan());
    }

    public void clearCache() {
        session.cacheManager().clear();
    }

    /** The database global temporary views live in. */
    public String globalTempDatabase() {
        return SessionCatalog.GLOBAL_TEMP_DATABASE;
    }
}
