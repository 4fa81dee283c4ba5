package dev.ember.sql.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.Batches;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading and writing files with a format in tests. */
public final class SourceTesting {
    private SourceTesting() {}

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    public static SourceOptions options(String... keyValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return new SourceOptions(map);
    }

    public static FileSplit whole(Path file) throws IOException {
        long length = Files.size(file);
        return new FileSplit(file.toAbsolutePath().toString(), 0, length, length, List.of());
    }

    /** The rows of one split, every batch checked to hold at most the default rows. */
    public static List<List<Object>> read(
            FileFormat format, FileSplit split, StructType dataSchema, StructType required, SourceOptions options)
            throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (FileFormat.SourceReader reader = format.read(split, dataSchema, required, List.of(), options)) {
            while (reader.hasNext()) {
                ColumnBatch batch = reader.next();
                assertThat(batch.numRows()).isLessThanOrEqualTo(ColumnBatch.DEFAULT_ROWS);
                assertThat(batch.numColumns()).isEqualTo(required.size());
                for (Object[] row : Batches.toRows(batch)) {
                    rows.add(normalize(row));
                }
            }
        }
        return rows;
    }

    /** The rows of a whole file. */
    public static List<List<Object>> read(FileFormat format, Path file, StructType schema, SourceOptions options)
            throws IOException {
        return read(format, whole(file), schema, schema, options);
    }

    /** The rows of a file read in splits of {@code splitBytes}, in split order. */
    public static List<List<Object>> readInSplits(
            FileFormat format, Path file, StructType schema, SourceOptions options, long splitBytes)
            throws IOException {
        long length = Files.size(file);
        PartitionedFile indexed = new PartitionedFile(file.toAbsolutePath().toString(), length, List.of());
        List<FileSplit> splits = FileIndex.splits(List.of(indexed), format.isSplittable(options), splitBytes);
        List<List<Object>> rows = new ArrayList<>();
        for (FileSplit split : splits) {
            rows.addAll(read(format, split, schema, schema, options));
        }
        return rows;
    }

    /** Writes {@code rows} (internal values) with the format into {@code file}. */
    public static void writeRows(
            FileFormat format, Path file, StructType schema, SourceOptions options, List<Object[]> rows)
            throws IOException {
        try (FileFormat.SourceWriter writer = format.writer(file, schema, options)) {
            int half = rows.size() / 2;
            writer.write(Batches.fromRows(rows.subList(0, half), typesOf(schema)));
            writer.write(Batches.fromRows(rows.subList(half, rows.size()), typesOf(schema)));
        }
    }

    private static List<dev.ember.sql.types.DataType> typesOf(StructType schema) {
        List<dev.ember.sql.types.DataType> types = new ArrayList<>();
        schema.forEach(field -> types.add(field.dataType()));
        return types;
    }

    /** Structs ({@code Object[]}) as lists, inside lists and maps too, so that rows compare with equals. */
    @SuppressWarnings("unchecked")
    public static List<Object> normalize(Object[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(normalizeValue(value));
        }
        return list;
    }

    private static Object normalizeValue(Object value) {
        if (value instanceof Object[] struct) {
            return normalize(struct);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object element : list) {
                result.add(normalizeValue(element));
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> result.put(normalizeValue(k), normalizeValue(v)));
            return result;
        }
        return value;
    }

    public static List<List<Object>> rows(Object[]... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (Object[] row : rows) {
            list.add(normalize(row));
        }
        return list;
    }

    public static Object[] row(Object... values) {
        return values;
    }
}
