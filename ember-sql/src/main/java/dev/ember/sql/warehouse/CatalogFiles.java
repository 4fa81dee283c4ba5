package dev.ember.sql.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogDatabase;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.TableStatistics;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's entries as JSON: one small file per database and per table, readable by people and tools. The schema
 * is kept as DDL ({@code id BIGINT NOT NULL, name STRING}), which the parser reads back exactly.
 */
final class CatalogFiles {
    /** Written into every entry; an entry of a newer version is refused rather than misread. */
    static final int VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private CatalogFiles() {}

    static byte[] write(CatalogDatabase database) {
        return json(out -> {
            out.writeNumberField("version", VERSION);
            out.writeStringField("name", database.name());
            out.writeStringField("location", database.location());
            if (database.comment() != null) {
                out.writeStringField("comment", database.comment());
            }
            writeMap(out, "properties", database.properties());
        });
    }

    static byte[] write(CatalogTable table) {
        return json(out -> {
            out.writeNumberField("version", VERSION);
            out.writeStringField("database", table.database());
            out.writeStringField("name", table.name());
            out.writeStringField("type", table.type().name().toLowerCase(java.util.Locale.ROOT));
            out.writeStringField("provider", table.provider());
            out.writeStringField("schema", table.schema().toDDL());
            out.writeArrayFieldStart("partitionColumns");
            for (String column : table.partitionColumns()) {
                out.writeString(column);
            }
            out.writeEndArray();
            out.writeStringField("location", table.location());
            writeMap(out, "options", table.options());
            writeMap(out, "properties", table.properties());
            if (table.comment() != null) {
                out.writeStringField("comment", table.comment());
            }
            out.writeNumberField("createdMillis", table.createdMillis());
            TableStatistics stats = table.statistics();
            if (stats != null) {
                out.writeObjectFieldStart("statistics");
                out.writeNumberField("sizeInBytes", stats.sizeInBytes());
                out.writeNumberField("rowCount", stats.rowCount());
                out.writeObjectFieldStart("columns");
                for (Map.Entry<String, TableStatistics.ColumnStatistics> column :
                        stats.columns().entrySet()) {
                    TableStatistics.ColumnStatistics c = column.getValue();
                    out.writeObjectFieldStart(column.getKey());
                    out.writeNumberField("distinctCount", c.distinctCount());
                    out.writeNumberField("nullCount", c.nullCount());
                    if (c.min() != null) {
                        out.writeStringField("min", c.min());
                    }
                    if (c.max() != null) {
                        out.writeStringField("max", c.max());
                    }
                    out.writeNumberField("maxLength", c.maxLength());
                    out.writeEndObject();
                }
                out.writeEndObject();
                out.writeEndObject();
            }
        });
    }

    static CatalogDatabase readDatabase(byte[] bytes, Path file) {
        Map<String, Object> fields = read(bytes, file);
        return new CatalogDatabase(
                string(fields, "name", file),
                string(fields, "location", file),
                (String) fields.get("comment"),
                stringMap(fields, "properties"));
    }

    static CatalogTable readTable(byte[] bytes, Path file) {
        Map<String, Object> fields = read(bytes, file);
        StructType schema;
        try {
            schema = SqlParser.get().parseTableSchema(string(fields, "schema", file));
        } catch (EmberException e) {
            throw corrupt(file, "its schema does not parse: " + e.getMessage());
        }
        CatalogTable.TableType type;
        try {
            type = CatalogTable.TableType.valueOf(string(fields, "type", file).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "its type is neither managed nor external");
        }
        List<String> partitionColumns = new ArrayList<>();
        Object columns = fields.get("partitionColumns");
        if (columns instanceof List<?> list) {
            for (Object column : list) {
                partitionColumns.add(String.valueOf(column));
            }
        }
        for (String column : partitionColumns) {
            if (schema.indexOf(column).isEmpty()) {
                throw corrupt(file, "its partition column " + column + " is not in its schema");
            }
        }
        return new CatalogTable(
                string(fields, "database", file),
                string(fields, "name", file),
                type,
                string(fields, "provider", file),
                schema,
                partitionColumns,
                string(fields, "location", file),
                stringMap(fields, "options"),
                stringMap(fields, "properties"),
                (String) fields.get("comment"),
                number(fields, "createdMillis"),
                statistics(fields.get("statistics")));
    }

    @SuppressWarnings("unchecked")
    private static TableStatistics statistics(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> fields = (Map<String, Object>) map;
        Map<String, TableStatistics.ColumnStatistics> columns = new LinkedHashMap<>();
        if (fields.get("columns") instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> entry : all.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> column) {
                    Map<String, Object> c = (Map<String, Object>) column;
                    columns.put(
                            String.valueOf(entry.getKey()),
                            new TableStatistics.ColumnStatistics(
                                    number(c, "distinctCount"),
                                    number(c, "nullCount"),
                                    (String) c.get("min"),
                                    (String) c.get("max"),
                                    number(c, "maxLength")));
                }
            }
        }
        return new TableStatistics(number(fields, "sizeInBytes"), number(fields, "rowCount"), columns);
    }

    private interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private static byte[] json(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeMap(JsonGenerator out, String name, Map<String, String> map) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            out.writeStringField(entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
    }

    /** The entry's fields: strings, longs, lists and nested maps. */
    private static Map<String, Object> read(byte[] bytes, Path file) {
        try (JsonParser in = JSON.createParser(bytes)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt(file, "it is not a JSON object");
            }
            Map<String, Object> fields = readObject(in, file, 0);
            if (in.nextToken() != null) {
                throw corrupt(file, "it has text after its object");
            }
            Object version = fields.get("version");
            if (!(version instanceof Long v) || v > VERSION) {
                throw corrupt(file, "its version " + version + " is not one this Ember reads (" + VERSION + ")");
            }
            return fields;
        } catch (IOException e) {
            throw corrupt(file, "it is not valid JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> readObject(JsonParser in, Path file, int depth) throws IOException {
        if (depth > 8) {
            throw corrupt(file, "it nests deeper than a catalog entry does");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            fields.put(name, readValue(in, in.nextToken(), file, depth));
        }
        return fields;
    }

    private static Object readValue(JsonParser in, JsonToken token, Path file, int depth) throws IOException {
        if (token == null) {
            throw corrupt(file, "it ends in the middle");
        }
        switch (token) {
            case VALUE_STRING:
                return in.getText();
            case VALUE_NUMBER_INT:
                return in.getLongValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return String.valueOf(in.getBooleanValue());
            case VALUE_NULL:
                return null;
            case START_OBJECT:
                return readObject(in, file, depth + 1);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_ARRAY; next = in.nextToken()) {
                    list.add(readValue(in, next, file, depth + 1));
                }
                return list;
            default:
                throw corrupt(file, "it holds an unexpected " + token);
        }
    }

    private static String string(Map<String, Object> fields, String name, Path file) {
        if (!(fields.get(name) instanceof String value)) {
            throw corrupt(file, "it has no string field \"" + name + "\"");
        }
        return value;
    }

    private static long number(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Long value ? value : -1;
    }

    private static Map<String, String> stringMap(Map<String, Object> fields, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        if (fields.get(name) instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                result.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
        }
        return result;
    }

    static EmberException corrupt(Path file, String why) {
        return new EmberException(ErrorClass.CATALOG_CORRUPT, "The catalog entry " + file + " cannot be read: " + why);
    }
}
