package dev.ember.sql.sources.parquet;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.FileFormat.SourceReader;
import dev.ember.sql.sources.FileFormat.SourceWriter;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing rows with the format, reading them back, and values in a form that compares with equals. */
final class ParquetTestSupport {
    private ParquetTestSupport() {}

    /** Writes {@code rows} (internal values) in batches of {@code batchRows}. */
    static void write(ParquetFormat format, Path file, StructType schema, List<Object[]> rows, SourceOptions options)
            throws IOException {
        int batchRows = 1000;
        try (SourceWriter writer = format.writer(file, schema, options)) {
            for (int from = 0; from < rows.size(); from += batchRows) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + batchRows));
                ColumnVector[] columns = new ColumnVector[schema.size()];
                for (int c = 0; c < schema.size(); c++) {
                    List<Object> values = new ArrayList<>(chunk.size());
                    for (Object[] row : chunk) {
                        values.add(row[c]);
                    }
                    columns[c] = ColumnVectors.of(schema.field(c).dataType(), values);
                }
                writer.write(ColumnBatch.of(chunk.size(), columns));
            }
        }
    }

    /** Every row of a whole-file split. */
    static List<Object[]> readAll(
            ParquetFormat format, Path file, StructType dataSchema, StructType required, List<Expression> filters)
            throws IOException {
        long length = Files.size(file);
        return read(
                format, new FileSplit(file.toString(), 0, length, length, List.of()), dataSchema, required, filters);
    }

    static List<Object[]> read(
            ParquetFormat format, FileSplit split, StructType dataSchema, StructType required, List<Expression> filters)
            throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (SourceReader reader = format.read(split, dataSchema, required, filters, SourceOptions.empty())) {
            while (reader.hasNext()) {
                ColumnBatch batch = reader.next();
                if (batch.numRows() > ColumnBatch.DEFAULT_ROWS) {
                    throw new AssertionError("A batch of " + batch.numRows() + " rows");
                }
                for (int k = 0; k < batch.size(); k++) {
                    int row = batch.row(k);
                    Object[] values = new Object[batch.numColumns()];
                    for (int c = 0; c < values.length; c++) {
                        values[c] = batch.column(c).getObject(row);
                    }
                    rows.add(values);
                }
            }
        }
        return rows;
    }

    /** The rows with byte arrays as hex strings and structs as lists, so that rows compare with equals. */
    static List<List<Object>> comparable(List<Object[]> rows) {
        List<List<Object>> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(comparableStruct(row));
        }
        return result;
    }

    private static List<Object> comparableStruct(Object[] values) {
        List<Object> result = new ArrayList<>(values.length);
        for (Object value : values) {
            result.add(comparable(value));
        }
        return result;
    }

    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Object[] struct) {
            return comparableStruct(struct);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                result.add(comparable(element));
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(comparable(k), comparable(v)));
            return result;
        }
        return value;
    }
}
