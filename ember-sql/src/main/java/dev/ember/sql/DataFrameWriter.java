package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FormatRegistry;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a Dataset as files: {@code df.write().mode("overwrite").partitionBy("year").parquet("out")}.
 *
 * <p>A write never leaves a half-written result looking complete. Each task attempt writes into a directory of its
 * own under a hidden staging directory ({@code out/_temporary-<job>/}); once every task has succeeded, the driver moves
 * the files of exactly one successful attempt per partition into place (for {@code overwrite}, only then are the old
 * files removed), writes {@code _SUCCESS}, and deletes the staging directory. A failed job leaves the destination as
 * it was, apart from the hidden staging directory, which readers skip.
 */
public final class DataFrameWriter {
    private final Dataset<Row> dataset;
    private String format = "parquet";
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

    public void save() {
        String path = options.get("path");
        if (path == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Nowhere to write: give save() a path");
        }
        save(path);
    }

    public void save(String path) {
        Path destination = Path.of(path).toAbsolutePath();
        boolean exists = Files.exists(destination) && !isEmptyDirectory(destination);
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
        FileFormat fileFormat = FormatRegistry.lookup(format);
        Map<String, String> all = new LinkedHashMap<>(options);
        all.putIfAbsent("timeZone", dataset.session().timeZone());
        SourceOptions sourceOptions = new SourceOptions(all);
        StructType schema = dataset.schema();
        int[] partitionColumns = new int[partitionBy.size()];
        for (int i = 0; i < partitionColumns.length; i++) {
            partitionColumns[i] = schema.fieldIndex(partitionBy.get(i));
        }
        List<StructField> dataFields = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            int index = i;
            if (java.util.Arrays.stream(partitionColumns).noneMatch(p -> p == index)) {
                dataFields.add(schema.field(i));
            }
        }
        if (dataFields.isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Every column is a partition column; nothing would be in the files");
        }
        String job = UUID.randomUUID().toString();
        Path staging = destination.resolve("_temporary-" + job);
        FileTaskWriter.Spec spec = new FileTaskWriter.Spec(
                fileFormat,
                sourceOptions,
                staging.toString(),
                job,
                schema,
                new StructType(dataFields),
                partitionColumns,
                dataset.session().timeZone());
        QueryExecution query = dataset.queryExecution();
        try {
            Files.createDirectories(staging);
            List<List<String>> written =
                    SqlExecutions.run(query, dataset.session().emberContext(), () -> dataset.session()
                            .emberContext()
                            .runJob(query.toBatches(), (task, values) -> FileTaskWriter.write(spec, task, values)));
            commit(destination, staging, written);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED, "Cannot write " + destination + ": " + e.getMessage(), e);
        } finally {
            FileUtils.deleteRecursively(staging);
        }
    }

    /** Moves the files of the successful attempts into place, replacing the old ones for overwrite. */
    private void commit(Path destination, Path staging, List<List<String>> written) throws IOException {
        if (mode.equals("overwrite")) {
            try (var children = Files.list(destination)) {
                for (Path child : children.toList()) {
                    if (!child.equals(staging)) {
                        FileUtils.deleteRecursively(child);
                    }
                }
            }
        }
        for (List<String> files : written) {
            for (String relative : files) {
                Path source = staging.resolve(relative);
                // attempt-N/dir/part-...: the attempt directory is dropped.
                Path inside = staging.relativize(source);
                Path target = destination.resolve(
                        inside.subpath(1, inside.getNameCount()).toString());
                Files.createDirectories(target.getParent());
                Files.move(source, target);
            }
        }
        Files.write(destination.resolve("_SUCCESS"), new byte[0]);
    }

    private static boolean isEmptyDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
