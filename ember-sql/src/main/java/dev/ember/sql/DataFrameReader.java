package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.execution.scan.FileSourceRelation;
import dev.ember.sql.execution.scan.JdbcRelation;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileIndex;
import dev.ember.sql.sources.FormatRegistry;
import dev.ember.sql.sources.PartitionedFile;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.sources.jdbc.JdbcOptions;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.warehouse.FileCommit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads files as a Dataset: {@code session.read().option("header", "true").csv("data/*.csv")}. Directories are read
 * whole, with {@code k=v} subdirectories as partition columns. Without a schema, the format infers one (CSV only with
 * {@code inferSchema}; otherwise all its columns are strings).
 */
public final class DataFrameReader {
    private final EmberSession session;
    private String format;
    private final Map<String, String> options = new LinkedHashMap<>();
    private StructType userSchema;

    DataFrameReader(EmberSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    public DataFrameReader format(String source) {
        this.format = requireNonNull(source, "source is null");
        return this;
    }

    public DataFrameReader option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataFrameReader option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataFrameReader option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataFrameReader option(String key, double value) {
        return option(key, Double.toString(value));
    }

    public DataFrameReader options(Map<String, String> more) {
        options.putAll(more);
        return this;
    }

    public DataFrameReader schema(StructType schema) {
        this.userSchema = requireNonNull(schema, "schema is null");
        return this;
    }

    /** The schema as DDL: {@code "a INT, b STRING"}. */
    public DataFrameReader schema(String ddl) {
        return schema(SqlParser.get().parseTableSchema(ddl));
    }

    public Dataset<Row> csv(String... paths) {
        return format("csv").load(paths);
    }

    public Dataset<Row> json(String... paths) {
        return format("json").load(paths);
    }

    public Dataset<Row> parquet(String... paths) {
        return format("parquet").load(paths);
    }

    public Dataset<Row> text(String... paths) {
        return format("text").load(paths);
    }

    /** A table of a database over JDBC; {@code properties} are the connection's ({@code user}, {@code password}...). */
    public Dataset<Row> jdbc(String url, String table, java.util.Properties properties) {
        return format("jdbc")
                .options(strings(properties))
                .option("url", url)
                .option("dbtable", table)
                .load();
    }

    /**
     * A table over JDBC read by {@code numPartitions} tasks, each a range of the numeric column {@code columnName}
     * between the bounds (which only set the ranges' width: rows outside them are read too).
     */
    public Dataset<Row> jdbc(
            String url,
            String table,
            String columnName,
            long lowerBound,
            long upperBound,
            int numPartitions,
            java.util.Properties properties) {
        return format("jdbc")
                .options(strings(properties))
                .option("url", url)
                .option("dbtable", table)
                .option("partitionColumn", columnName)
                .option("lowerBound", lowerBound)
                .option("upperBound", upperBound)
                .option("numPartitions", numPartitions)
                .load();
    }

    /** A table over JDBC read by one task per predicate, each reading the rows its {@code WHERE} condition keeps. */
    public Dataset<Row> jdbc(String url, String table, String[] predicates, java.util.Properties properties) {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putAll(strings(properties));
        all.put("url", url);
        all.put("dbtable", table);
        return jdbcRelation(all, List.of(predicates));
    }

    private static Map<String, String> strings(java.util.Properties properties) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            result.put(key, properties.getProperty(key));
        }
        return result;
    }

    private Dataset<Row> jdbcRelation(Map<String, String> all, List<String> predicates) {
        if (userSchema != null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A JDBC read takes its columns from the database; leave out schema(...) (cast in a query instead)");
        }
        JdbcRelation relation = JdbcRelation.resolve(JdbcOptions.forRead(all), session.timeZone(), predicates);
        return Dataset.ofRows(session, SourceRelation.of(relation));
    }

    public Dataset<Row> table(String name) {
        return session.table(name);
    }

    /** Reads the {@code path} option. */
    public Dataset<Row> load() {
        if ("jdbc".equalsIgnoreCase(format)) {
            return jdbcRelation(new LinkedHashMap<>(options), null);
        }
        String path = options.get("path");
        if (path == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Nothing to read: give load() a path, or set the option \"path\"");
        }
        return load(path);
    }

    public Dataset<Row> load(String... paths) {
        if (paths.length == 0) {
            return load();
        }
        String source = format != null ? format : session.conf().get(SqlConfig.DEFAULT_SOURCE);
        if (source.equalsIgnoreCase("jdbc")) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A JDBC read has no paths: give the options url and dbtable (or query) and call load(), or use"
                            + " jdbc(...)");
        }
        FileFormat fileFormat = FormatRegistry.lookup(source);
        for (String path : paths) {
            FileCommit.recover(Path.of(path).toAbsolutePath());
        }
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putIfAbsent("timeZone", session.timeZone());
        SourceOptions sourceOptions = new SourceOptions(all);
        FileIndex index = FileIndex.of(Arrays.asList(paths), sourceOptions, userSchema);
        StructType partitionSchema = index.partitionSchema();
        StructType dataSchema;
        if (userSchema != null) {
            List<StructField> data = new ArrayList<>();
            for (StructField field : userSchema) {
                if (partitionSchema.indexOf(field.name()).isEmpty()) {
                    data.add(field);
                }
            }
            dataSchema = new StructType(data);
        } else if (index.files().isEmpty()) {
            throw new EmberException(
                    ErrorClass.INPUT_PATH_NOT_FOUND,
                    "There are no " + source + " files in " + Arrays.toString(paths)
                            + " to infer a schema from; give the schema with schema(...)");
        } else {
            List<Path> files = new ArrayList<>();
            for (PartitionedFile file : index.files()) {
                files.add(Path.of(file.path()));
            }
            try {
                dataSchema = fileFormat.inferSchema(files, sourceOptions);
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED,
                        "Cannot infer the schema of " + Arrays.toString(paths) + ": " + e,
                        e);
            }
            dataSchema = withoutPartitionColumns(dataSchema, partitionSchema);
        }
        FileSourceRelation relation = new FileSourceRelation(
                fileFormat, Arrays.asList(paths), sourceOptions, dataSchema, partitionSchema, index.files());
        return Dataset.ofRows(session, SourceRelation.of(relation));
    }

    private static StructType withoutPartitionColumns(StructType data, StructType partitions) {
        List<StructField> kept = new ArrayList<>();
        for (StructField field : data) {
            boolean partition = false;
            for (StructField column : partitions) {
                partition |= Identifiers.normalize(column.name()).equals(Identifiers.normalize(field.name()));
            }
            if (!partition) {
                kept.add(field);
            }
        }
        return new StructType(kept);
    }
}
