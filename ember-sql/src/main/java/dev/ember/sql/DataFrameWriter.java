package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.sources.FormatRegistry;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.warehouse.FileCommit;
import dev.ember.sql.warehouse.WarehouseCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a Dataset as files: {@code df.write().mode("overwrite").partitionBy("year").parquet("out")}.
 *
 * <p>A write never leaves a half-written result looking complete: tasks write under a hidden staging directory, one
 * attempt per partition commits, and the driver commits the whole by a journal ({@link FileCommit}); a failed job,
 * or a driver that dies before the commit, leaves the destination as it was.
 */
public final class DataFrameWriter {
    private final Dataset<Row> dataset;
    private String format;
    private String mode = "errorifexists";
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> partitionBy = new ArrayList<>();

    @SuppressWarnings("unchecked")
    DataFrameWriter(Dataset<?> dataset) {
        this.dataset = (Dataset<Row>) dataset;
    }

    /** {@code append}, {@code overwrite}, {@code errorifexists} (the default; also {@code error}) or {@code ignore}. */
    public DataFrameWriter mode(String saveMode) {
        String normalized = saveMode.toLowerCase(Locale.ROOT);
        switch (normalized) {
            case "append", "overwrite", "errorifexists", "error", "ignore" -> this.mode = normalized;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Unknown save mode '" + saveMode + "'; use append, overwrite, errorifexists or ignore");
        }
        return this;
    }

    public DataFrameWriter format(String source) {
        this.format = requireNonNull(source, "source is null");
        return this;
    }

    public DataFrameWriter option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataFrameWriter option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataFrameWriter options(Map<String, String> more) {
        options.putAll(more);
        return this;
    }

    /** Writes one directory per value of these columns ({@code year=2024/}), without them in the files. */
    public DataFrameWriter partitionBy(String... columns) {
        partitionBy.clear();
        partitionBy.addAll(List.of(columns));
        return this;
    }

    public void csv(String path) {
        format("csv").save(path);
    }

    public void json(String path) {
        format("json").save(path);
    }

    public void parquet(String path) {
        format("parquet").save(path);
    }

    public void text(String path) {
        format("text").save(path);
    }

    /**
     * Writes the rows into a database table over JDBC: created if missing (with the database's types for the columns);
     * if it exists, {@code append} inserts, {@code overwrite} drops and creates it again (or empties it, keeping its
     * definition, with the option {@code truncate}), {@code errorifexists} fails and {@code ignore} does nothing.
     * Each task inserts in batches of {@code batchsize} rows and commits once.
     */
    public void jdbc(String url, String table, java.util.Properties properties) {
        for (String key : properties.stringPropertyNames()) {
            options.put(key, properties.getProperty(key));
        }
        options.put("url", url);
        options.put("dbtable", table);
        format("jdbc").save();
    }

    public void save() {
        if ("jdbc".equalsIgnoreCase(format)) {
            if (!partitionBy.isEmpty()) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "A JDBC write cannot be partitioned by columns");
            }
            JdbcWrite.run(dataset, options, mode);
            return;
        }
        String path = options.get("path");
        if (path == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Nowhere to write: give save() a path");
        }
        save(path);
    }

    public void save(String path) {
        if ("jdbc".equalsIgnoreCase(format)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A JDBC write has no path: give the options url and dbtable and call save(), or use jdbc(...)");
        }
        Path destination = Path.of(path).toAbsolutePath();
        boolean exists = Files.exists(destination) && !WarehouseCatalog.isEmptyDirectory(destination);
        if (exists) {
            switch (mode) {
                case "ignore" -> {
                    return;
                }
                case "errorifexists", "error" ->
                    throw new EmberException(
                            ErrorClass.OUTPUT_PATH_EXISTS,
                            "The path " + destination + " exists already; use mode(\"overwrite\") to replace it or"
                                    + " mode(\"append\") to add to it");
                default -> {
                    if (!Files.isDirectory(destination)) {
                        throw new EmberException(
                                ErrorClass.OUTPUT_PATH_EXISTS,
                                "The path " + destination + " is a file, not a directory");
                    }
                }
            }
        }
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putIfAbsent("timeZone", dataset.session().timeZone());
        new FileWrite(
                        dataset,
                        destination,
                        FormatRegistry.lookup(
                                format != null
                                        ? format
                                        : dataset.session().conf().get(SqlConfig.DEFAULT_SOURCE)),
                        new SourceOptions(all),
                        partitionBy,
                        !mode.equals("overwrite")
                                ? FileCommit.Overwrite.none()
                                : !partitionBy.isEmpty() && dynamicOverwrite()
                                        ? FileCommit.Overwrite.writtenPartitions()
                                        : FileCommit.Overwrite.all())
                .run();
    }

    /** Whether an overwrite replaces only the partitions written: the write's option, else the session's setting. */
    private boolean dynamicOverwrite() {
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().equalsIgnoreCase("partitionOverwriteMode")) {
                return option.getValue().trim().equalsIgnoreCase("dynamic");
            }
        }
        return dataset.session().conf().get(SqlConfig.PARTITION_OVERWRITE_MODE)
                == SqlConfig.PartitionOverwriteMode.DYNAMIC;
    }

    /**
     * Writes the rows as the table {@code name} of the catalog. If the table does not exist it is created (managed
     * in the warehouse, or external at the {@code path} option) with the Dataset's columns, this writer's format,
     * options and partitioning. If it exists: {@code append} adds the rows, matching columns by name;
     * {@code overwrite} replaces the table's rows and definition with the Dataset's; {@code errorifexists} fails;
     * {@code ignore} does nothing.
     */
    public void saveAsTable(String name) {
        EmberSession session = dataset.session();
        SessionCatalog catalog = session.sessionCatalog();
        List<String> parts = SqlParser.get().parseMultipartIdentifier(name);
        SessionCatalog.TableName tableName = catalog.tableName(parts);
        catalog.requireDatabase(tableName.database());
        Optional<CatalogTable> existing = catalog.external().table(tableName.database(), tableName.table());
        if (existing.isEmpty()) {
            Tables.createAs(session, define(tableName), dataset);
            return;
        }
        CatalogTable table = existing.get();
        switch (mode) {
            case "ignore" -> {}
            case "errorifexists", "error" ->
                throw new EmberException(
                        ErrorClass.ALREADY_EXISTS,
                        "The table " + table.qualifiedName() + " exists already; use mode(\"append\") to add rows,"
                                + " mode(\"overwrite\") to replace it, or insertInto");
            case "append" -> {
                if (!partitionBy.isEmpty()
                        && !partitionBy.stream()
                                .map(Identifiers::normalize)
                                .toList()
                                .equals(table.partitionColumns().stream()
                                        .map(Identifiers::normalize)
                                        .toList())) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "partitionBy" + partitionBy + " differs from the partitioning of " + table.qualifiedName()
                                    + " " + table.partitionColumns());
                }
                Tables.insert(session, table, dataset, List.of(), List.of(), false, true);
            }
            default -> overwriteTable(table, define(tableName));
        }
    }

    /**
     * {@code saveAsTable} in overwrite mode, as Spark's: the table is replaced by one made from the Dataset (its
     * columns, this writer's format, options and partitioning; at the {@code path} option, or managed in the
     * warehouse). The new files are committed first, then the entry replaced; a managed table's old directory goes
     * after, an external table's old files stay where they were.
     */
    private void overwriteTable(CatalogTable table, CatalogTable defined) {
        EmberSession session = dataset.session();
        Path oldLocation = Path.of(table.location());
        Path newLocation = Path.of(defined.location());
        Map<String, String> all = new LinkedHashMap<>(defined.options());
        all.putIfAbsent("timeZone", session.timeZone());
        new FileWrite(
                        dataset.select(columnsOf(defined)),
                        newLocation,
                        FormatRegistry.lookup(defined.provider()),
                        new SourceOptions(all),
                        defined.partitionColumns(),
                        FileCommit.Overwrite.all())
                .run();
        session.sessionCatalog().external().alterTable(table.database(), table.name(), current -> defined);
        session.cacheManager().refreshTable(session, table.qualifiedName());
        boolean ownedOld = table.type() == CatalogTable.TableType.MANAGED
                && oldLocation.equals(Path.of(
                        session.sessionCatalog().external().defaultTableLocation(table.database(), table.name())));
        if (ownedOld && !oldLocation.equals(newLocation)) {
            dev.ember.util.FileUtils.deleteRecursively(oldLocation);
        }
    }

    /**
     * Writes the rows into the existing table {@code name}, matching columns by position as {@code INSERT INTO}
     * does; with {@code mode("overwrite")} as {@code INSERT OVERWRITE}.
     */
    public void insertInto(String name) {
        if (!partitionBy.isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "insertInto writes with the table's own partitioning; leave out partitionBy");
        }
        EmberSession session = dataset.session();
        CatalogTable table =
                session.sessionCatalog().requireTable(SqlParser.get().parseMultipartIdentifier(name));
        Tables.insert(session, table, dataset, List.of(), List.of(), mode.equals("overwrite"), false);
    }

    private CatalogTable define(SessionCatalog.TableName name) {
        return Tables.define(
                dataset.session(), name, format, dataset.schema(), partitionBy, null, options, Map.of(), null);
    }

    private static Column[] columnsOf(CatalogTable table) {
        List<Column> columns = new ArrayList<>();
        for (String column : table.schema().fieldNames()) {
            columns.add(functions.col(Identifiers.quoteIfNeeded(column)));
        }
        return columns.toArray(Column[]::new);
    }
}
