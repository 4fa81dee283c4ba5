package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.ExternalCatalog;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.execution.scan.FileSourceRelation;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.plans.logical.commands.PartitionValue;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileIndex;
import dev.ember.sql.sources.FormatRegistry;
import dev.ember.sql.sources.PartitionedFile;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.warehouse.FileCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Tables of the persistent catalog as the engine meets them: the relation that reads one, the definition of a new
 * one, and the writes into one ({@code INSERT}, {@code CREATE TABLE AS}, {@code saveAsTable}, {@code insertInto}).
 */
final class Tables {
    private Tables() {}

    /** The relation that reads the table's files as they are now (finishing a commit a dead driver left). */
    static LogicalPlan relation(EmberSession session, CatalogTable table) {
        Path location = Path.of(table.location());
        FileFormat format = FormatRegistry.lookup(table.provider());
        SourceOptions options = options(session, table);
        List<PartitionedFile> files = List.of();
        if (Files.isDirectory(location)) {
            FileIndex index = FileCommit.readConsistent(
                    location, () -> FileIndex.of(List.of(location.toString()), options, table.schema()));
            files = index.files();
            List<String> found = List.of(index.partitionSchema().fieldNames());
            if (!files.isEmpty()
                    && !dev.ember.sql.sources.PartitionPaths.sameColumns(found, table.partitionColumns())) {
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED,
                        "The files of table " + table.qualifiedName() + " in " + location
                                + " are under the partition directories " + found + ", but the table is partitioned by "
                                + table.partitionColumns() + "; move the files, or create a table that matches them");
            }
        }
        FileSourceRelation source = new FileSourceRelation(
                format,
                List.of(location.toString()),
                options,
                table.dataSchema(),
                table.partitionSchema(),
                files,
                table.qualifiedName(),
                table.statistics());
        return SourceRelation.of(source);
    }

    static SourceOptions options(EmberSession session, CatalogTable table) {
        Map<String, String> all = new LinkedHashMap<>(table.options());
        all.putIfAbsent("timeZone", session.timeZone());
        return new SourceOptions(all);
    }

    /**
     * A new table's entry: managed in the warehouse unless {@code location} (may be null) makes it external; the
     * partition columns moved to the end of the schema, as Spark orders them.
     */
    static CatalogTable define(
            EmberSession session,
            SessionCatalog.TableName name,
            String provider,
            StructType schema,
            List<String> partitionColumns,
            String location,
            Map<String, String> options,
            Map<String, String> properties,
            String comment) {
        String format = provider == null ? session.conf().get(SqlConfig.DEFAULT_SOURCE) : provider;
        format = FormatRegistry.lookup(format).name();
        Map<String, StructField> byName = new LinkedHashMap<>();
        for (StructField field : schema) {
            if (byName.put(Identifiers.normalize(field.name()), field) != null) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The table " + name + " would have two columns named " + Identifiers.quote(field.name()));
            }
        }
        List<String> partitions = new ArrayList<>();
        List<StructField> partitionFields = new ArrayList<>();
        for (String column : partitionColumns) {
            StructField field = byName.remove(Identifiers.normalize(column));
            if (field == null) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The partition column " + Identifiers.quote(column) + " of " + name + " is not one of its"
                                + " columns " + List.of(schema.fieldNames())
                                + (partitions.contains(column) ? " (it is" + " given twice)" : ""));
            }
            if (!atomic(field.dataType())) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The partition column " + Identifiers.quote(column) + " is of type "
                                + field.dataType().simpleString() + "; a partition column has an atomic type");
            }
            partitions.add(field.name());
            partitionFields.add(field);
        }
        if (byName.isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "Every column of " + name + " is a partition column; a table needs a column in its files");
        }
        List<StructField> fields = new ArrayList<>(byName.values());
        fields.addAll(partitionFields);
        Map<String, String> kept = new TreeMap<>(options);
        String path = location != null ? location : kept.get("path");
        kept.remove("path");
        ExternalCatalog catalog = session.sessionCatalog().external();
        CatalogTable.TableType type = path == null ? CatalogTable.TableType.MANAGED : CatalogTable.TableType.EXTERNAL;
        String where = path == null
                ? catalog.defaultTableLocation(name.database(), name.table())
                : Path.of(FileIndex.stripScheme(path))
                        .toAbsolutePath()
                        .normalize()
                        .toString();
        if (path != null) {
            Path warehouse = Path.of(catalog.database(ExternalCatalog.DEFAULT_DATABASE)
                    .orElseThrow()
                    .location());
            Path chosen = Path.of(where);
            if (chosen.equals(warehouse) || chosen.startsWith(warehouse.resolve("_catalog"))) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The location " + chosen + " is the warehouse's own directory or its catalog; give a table"
                                + " a directory of its own");
            }
        }
        return new CatalogTable(
                name.database(),
                name.table(),
                type,
                format,
                new StructType(fields),
                partitions,
                where,
                kept,
                properties,
                comment,
                System.currentTimeMillis(),
                null);
    }

    /**
     * Creates the table and writes {@code data} into it, matching columns by name; if the write fails the table is
     * dropped again (its files, for a managed table, with it).
     */
    static void createAs(EmberSession session, CatalogTable table, Dataset<Row> data) {
        ExternalCatalog catalog = session.sessionCatalog().external();
        Path location = Path.of(table.location());
        if (table.type() == CatalogTable.TableType.EXTERNAL && hasData(location)) {
            throw new EmberException(
                    ErrorClass.OUTPUT_PATH_EXISTS,
                    "CREATE TABLE AS SELECT would write into " + location + ", which has files already; choose an empty"
                            + " location, or create the table on them without AS SELECT");
        }
        catalog.createTable(table, false);
        try {
            insert(session, table, data, List.of(), List.of(), true, true);
        } catch (RuntimeException | Error e) {
            catalog.dropTable(table.database(), table.name());
            throw e;
        }
    }

    private static boolean hasData(Path location) {
        if (!Files.isDirectory(location)) {
            return Files.exists(location);
        }
        try (Stream<Path> children = Files.list(location)) {
            return children.anyMatch(child -> !dev.ember.sql.sources.PartitionPaths.isHidden(
                    child.getFileName().toString()));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Writes the rows of {@code query} into the table: {@code INSERT INTO/OVERWRITE t [PARTITION (...)] [(cols)]}.
     * The query's columns fill the table's by position (by name with {@code byName}), after the columns the
     * {@code PARTITION} clause gives values for; each is converted to the table column's type where SQL's store
     * assignment allows it.
     */
    static void insert(
            EmberSession session,
            CatalogTable table,
            Dataset<Row> query,
            List<PartitionValue> partition,
            List<String> columns,
            boolean overwrite,
            boolean byName) {
        StructType schema = table.schema();
        String zone = session.timeZone();
        Map<String, Object> staticValues = new LinkedHashMap<>();
        for (PartitionValue value : partition) {
            String column = Identifiers.normalize(value.column());
            if (!table.isPartitionColumn(column)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "PARTITION names " + Identifiers.quote(value.column()) + ", which is not a partition column of "
                                + table.qualifiedName() + " " + table.partitionColumns());
            }
            if (value.value() != null) {
                StructField field = schema.apply(column);
                staticValues.put(column, staticValue(value.value(), field, zone, table));
            }
        }
        List<String> targets = new ArrayList<>();
        if (!columns.isEmpty()) {
            for (String column : columns) {
                String normalized = Identifiers.normalize(column);
                if (schema.indexOf(column).isEmpty()) {
                    throw new EmberException(
                            ErrorClass.UNRESOLVED_COLUMN,
                            "The table " + table.qualifiedName() + " has no column " + Identifiers.quote(column)
                                    + "; its columns are " + List.of(schema.fieldNames()));
                }
                if (targets.contains(normalized) || staticValues.containsKey(normalized)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL, "The column " + Identifiers.quote(column) + " is given twice");
                }
                targets.add(normalized);
            }
        } else if (byName) {
            for (StructField field : query.schema()) {
                String normalized = Identifiers.normalize(field.name());
                if (schema.indexOf(field.name()).isEmpty()) {
                    throw new EmberException(
                            ErrorClass.UNRESOLVED_COLUMN,
                            "The table " + table.qualifiedName() + " has no column " + Identifiers.quote(field.name())
                                    + " for the data's column of that name; its columns are "
                                    + List.of(schema.fieldNames()));
                }
                targets.add(normalized);
            }
        } else {
            for (StructField field : schema) {
                String normalized = Identifiers.normalize(field.name());
                if (!staticValues.containsKey(normalized)) {
                    targets.add(normalized);
                }
            }
        }
        List<Attribute> input = query.analyzedPlan().output();
        if (input.size() != targets.size()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "Cannot write into " + table.qualifiedName() + ": it has " + targets.size() + " column(s) to fill "
                            + targets + " but the data has " + input.size() + " " + names(input));
        }
        List<NamedExpression> projection = new ArrayList<>();
        for (StructField field : schema) {
            String normalized = Identifiers.normalize(field.name());
            Expression value;
            if (staticValues.containsKey(normalized)) {
                value = new Literal(staticValues.get(normalized), field.dataType());
            } else if (targets.contains(normalized)) {
                Attribute source = input.get(targets.indexOf(normalized));
                value = assign(source, field, table, zone);
            } else {
                value = Literal.nullOf(field.dataType());
            }
            if (!field.nullable() && value.nullable()) {
                value = notNull(value, field, table);
            }
            projection.add(Alias.of(value, field.name()));
        }
        Dataset<Row> rows = Dataset.ofRows(session, new Project(projection, query.analyzedPlan()));
        FileCommit.Overwrite replace = FileCommit.Overwrite.none();
        if (overwrite) {
            replace = overwriteOf(session, table, staticValues);
        }
        new FileWrite(
                        rows,
                        Path.of(table.location()),
                        FormatRegistry.lookup(table.provider()),
                        options(session, table),
                        table.partitionColumns(),
                        replace)
                .run();
        afterWrite(session, table);
    }

    /** {@code value}, failing the write on a null: the column is {@code NOT NULL}. */
    private static Expression notNull(Expression value, StructField field, CatalogTable table) {
        String message = "NOT NULL constraint violated: the column " + Identifiers.quote(field.name()) + " of "
                + table.qualifiedName() + " cannot take a null";
        return new dev.ember.sql.expressions.ScalarFunction(
                "assert_not_null", List.of(value), field.dataType(), false, false, true, arguments -> {
                    if (arguments[0] == null) {
                        throw new EmberException(ErrorClass.INVALID_ARGUMENT, message);
                    }
                    return arguments[0];
                });
    }

    static List<String> names(List<Attribute> attributes) {
        List<String> names = new ArrayList<>();
        for (Attribute attribute : attributes) {
            names.add(attribute.name());
        }
        return names;
    }

    /**
     * After a write: the statistics describe the old rows, so they go until the next {@code ANALYZE TABLE}; what is
     * cached of the table is refreshed.
     */
    static void afterWrite(EmberSession session, CatalogTable table) {
        if (table.statistics() != null) {
            session.sessionCatalog()
                    .external()
                    .alterTable(table.database(), table.name(), current -> current.withStatistics(null));
        }
        session.cacheManager().refreshTable(session, table.qualifiedName());
    }

    /** What an overwrite replaces: see {@link SqlConfig#PARTITION_OVERWRITE_MODE}. */
    private static FileCommit.Overwrite overwriteOf(
            EmberSession session, CatalogTable table, Map<String, Object> staticValues) {
        if (table.partitionColumns().isEmpty()) {
            return FileCommit.Overwrite.all();
        }
        boolean dynamic =
                session.conf().get(SqlConfig.PARTITION_OVERWRITE_MODE) == SqlConfig.PartitionOverwriteMode.DYNAMIC
                        && staticValues.size() < table.partitionColumns().size();
        if (dynamic) {
            return FileCommit.Overwrite.writtenPartitions();
        }
        if (staticValues.isEmpty()) {
            return FileCommit.Overwrite.all();
        }
        return FileCommit.Overwrite.partitions(matchingPartitions(session, table, staticValues));
    }

    /** The existing partition directories ({@code p=1/q=a}) whose values match {@code staticValues}. */
    static List<String> matchingPartitions(EmberSession session, CatalogTable table, Map<String, Object> staticValues) {
        Map<String, String> wanted = new LinkedHashMap<>();
        staticValues.forEach((column, value) -> {
            StructField field = table.schema().apply(column);
            wanted.put(column, partitionDirectory(field.name(), value, field.dataType(), session.timeZone()));
        });
        List<String> found = new ArrayList<>();
        collect(Path.of(table.location()), "", table.partitionColumns(), 0, wanted, found);
        return found;
    }

    private static void collect(
            Path dir, String prefix, List<String> columns, int depth, Map<String, String> wanted, List<String> out) {
        if (depth == columns.size()) {
            out.add(prefix);
            return;
        }
        String column = Identifiers.normalize(columns.get(depth));
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return;
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            int eq = name.indexOf('=');
            if (eq <= 0 || dev.ember.sql.sources.PartitionPaths.isHidden(name)) {
                continue;
            }
            if (!Identifiers.normalize(dev.ember.sql.sources.PartitionPaths.unescape(name.substring(0, eq)))
                    .equals(column)) {
                continue;
            }
            // Compared unescaped, so a directory another writer escaped differently still matches.
            String expected = wanted.get(column);
            if (expected != null
                    && !dev.ember.sql.sources.PartitionPaths.unescape(name.substring(eq + 1))
                            .equals(dev.ember.sql.sources.PartitionPaths.unescape(
                                    expected.substring(expected.indexOf('=') + 1)))) {
                continue;
            }
            collect(child, prefix.isEmpty() ? name : prefix + "/" + name, columns, depth + 1, wanted, out);
        }
    }

    /** The directory name of a partition value: {@code year=2024}, escaped as Spark escapes it. */
    static String partitionDirectory(String column, Object value, DataType type, String zone) {
        String text = value == null
                ? FileIndex.DEFAULT_PARTITION_NAME
                : dev.ember.sql.sources.PartitionPaths.escapePathName(ValueText.toText(value, type, ZoneId.of(zone)));
        return dev.ember.sql.sources.PartitionPaths.escapePathName(column) + "=" + text;
    }

    /** The values a {@code PARTITION (c = v, ...)} clause of {@code statement} gives, each as its column's type. */
    static Map<String, Object> partitionValues(
            EmberSession session, CatalogTable table, List<PartitionValue> partition, String statement) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (PartitionValue value : partition) {
            if (!table.isPartitionColumn(value.column()) || value.value() == null) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        statement + " ... PARTITION gives values of the partition columns of " + table.qualifiedName()
                                + " " + table.partitionColumns() + "; " + Identifiers.quote(value.column())
                                + " is not one, or has no value");
            }
            StructField field = table.schema().apply(value.column());
            values.put(
                    Identifiers.normalize(value.column()),
                    staticValue(value.value(), field, session.timeZone(), table));
        }
        return values;
    }

    private static Object staticValue(Expression expression, StructField field, String zone, CatalogTable table) {
        if (!expression.foldable() || !expression.resolved()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The value of partition column " + field.name() + " must be a constant, not " + expression);
        }
        Object value = expression.eval(null);
        DataType from = expression.dataType();
        if (value == null || from.equals(field.dataType())) {
            return value;
        }
        return Casts.cast(
                value,
                from,
                field.dataType(),
                ZoneId.of(zone),
                () -> "the value of partition column " + field.name() + " of " + table.qualifiedName());
    }

    /** The source column converted to the table column's type, or an error if storing it there makes no sense. */
    private static Expression assign(Attribute source, StructField target, CatalogTable table, String zone) {
        DataType from = source.dataType();
        DataType to = target.dataType();
        if (from.equals(to)) {
            return source;
        }
        if (!storeAssignable(from, to)) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "Cannot write the " + from.simpleString() + " column " + Identifiers.quote(source.name())
                            + " into the " + to.simpleString() + " column " + Identifiers.quote(target.name()) + " of "
                            + table.qualifiedName() + "; cast it in the query if that is what you mean");
        }
        return new Cast(source, to, false, zone);
    }

    /** SQL's ANSI store assignment: numbers into numbers, anything atomic into strings, dates and timestamps. */
    static boolean storeAssignable(DataType from, DataType to) {
        if (from.equals(to) || from instanceof NullType) {
            return true;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return true;
        }
        if (to instanceof StringType) {
            return atomic(from);
        }
        boolean fromTime =
                from instanceof DateType || from instanceof TimestampType || from instanceof TimestampNTZType;
        boolean toTime = to instanceof DateType || to instanceof TimestampType || to instanceof TimestampNTZType;
        if (fromTime && toTime) {
            return true;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            return storeAssignable(a.elementType(), b.elementType());
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            return storeAssignable(a.keyType(), b.keyType()) && storeAssignable(a.valueType(), b.valueType());
        }
        if (from instanceof StructType a && to instanceof StructType b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!storeAssignable(a.field(i).dataType(), b.field(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean atomic(DataType type) {
        return !(type instanceof ArrayType || type instanceof MapType || type instanceof StructType);
    }
}
