package dev.ember.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ember.kernel.SqlValues;
import dev.ember.sql.Row;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code bin/ember sql} prints a result: its column names and rows, in one of the {@link Format}s. Values are
 * written as {@code Dataset.show} writes them (NULL, dates, timestamps in the session's time zone, arrays as
 * {@code [a, b]}, maps as {@code {k -> v}}, structs as {@code {a, b}}, binary as hex), except in JSON, where they keep
 * their JSON types.
 */
final class SqlOutput {
    /** The output formats of {@code --output-format}. */
    enum Format {
        /** A table drawn with {@code +---+} lines, as {@code Dataset.show(n, false)} draws it. */
        TABLE,
        /** Comma-separated values (RFC 4180): a header line, fields quoted when they need it, NULL as nothing. */
        CSV,
        /** Tab-separated values: a header line, tabs, line ends and backslashes escaped, NULL as {@code NULL}. */
        TSV,
        /** One JSON object per row and line, column names as keys, SQL values as JSON values. */
        JSON;

        static Format parse(String name) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("unknown output format '" + name + "': table, csv, tsv or json");
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter JSON_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT);

    private final Format format;
    private final ZoneId zone;

    SqlOutput(Format format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    /**
     * Writes a result of {@code columns} and {@code rows} to {@code out}. A result without columns (what commands
     * such as {@code CREATE TEMPORARY VIEW} give) writes nothing.
     */
    void write(List<String> columns, List<Row> rows, Writer out) {
        if (columns.isEmpty()) {
            return;
        }
        try {
            switch (format) {
                case TABLE -> out.write(table(columns, rows));
                case CSV -> writeSeparated(columns, rows, out, ',');
                case TSV -> writeSeparated(columns, rows, out, '\t');
                case JSON -> writeJson(columns, rows, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as a table; every value whole, left-aligned. */
    String table(List<String> columns, List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.toArray(new String[0]));
        for (Row row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = TerminalText.printable(text(row.get(c)));
            }
            lines.add(line);
        }
        int[] widths = new int[columns.size()];
        Arrays.fill(widths, 3);
        for (String[] line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], width(line[c]));
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width)).append('+');
        }
        rule.append('\n');
        StringBuilder table = new StringBuilder(rule);
        for (int i = 0; i < lines.size(); i++) {
            table.append('|');
            String[] line = lines.get(i);
            for (int c = 0; c < widths.length; c++) {
                table.append(line[c])
                        .append(" ".repeat(widths[c] - width(line[c])))
                        .append('|');
            }
            table.append('\n');
            if (i == 0) {
                table.append(rule);
            }
        }
        return table.append(rule).toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private void writeSeparated(List<String> columns, List<Row> rows, Writer out, char separator) throws IOException {
        List<String> header = new ArrayList<>();
        for (String column : columns) {
            header.add(separator == ',' ? csvField(column) : tsvField(column));
        }
        out.write(String.join(String.valueOf(separator), header));
        out.write('\n');
        for (Row row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.write(separator);
                }
                Object value = row.get(c);
                if (separator == ',') {
                    out.write(value == null ? "" : csvField(text(value)));
                } else {
                    out.write(value == null ? "NULL" : tsvField(text(value)));
                }
            }
            out.write('\n');
        }
    }

    /** A CSV field: quoted, with its quotes doubled, when it holds a comma, quote, line end or outer space. */
    static String csvField(String text) {
        boolean quote = text.isEmpty()
                || text.indexOf(',') >= 0
                || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0
                || !text.strip().equals(text);
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** A TSV field: backslash, tab, line feed and carriage return written as {@code \\ \t \n \r}. */
    static String tsvField(String text) {
        StringBuilder field = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> field.append("\\\\");
                case '\t' -> field.append("\\t");
                case '\n' -> field.append("\\n");
                case '\r' -> field.append("\\r");
                default -> field.append(c);
            }
        }
        return field.toString();
    }

    private void writeJson(List<String> columns, List<Row> rows, Writer out) throws IOException {
        for (Row row : rows) {
            StringWriter line = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(line)) {
                json.writeStartObject();
                for (int c = 0; c < columns.size(); c++) {
                    json.writeFieldName(columns.get(c));
                    writeJsonValue(json, row.get(c));
                }
                json.writeEndObject();
            }
            out.write(line.toString());
            out.write('\n');
        }
    }

    private void writeJsonValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Float || value instanceof Double) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                // JSON has no such numbers: written as SQL writes them.
                json.writeString(text(value));
            } else if (value instanceof Float f) {
                json.writeNumber(f);
            } else {
                json.writeNumber(number);
            }
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            json.writeNumber(integer);
        } else if (value instanceof byte[] bytes) {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Timestamp timestamp) {
            json.writeString(JSON_TIMESTAMP.format(timestamp.toInstant().atZone(zone)));
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                writeJsonValue(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(text(entry.getKey()));
                writeJsonValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Row struct) {
            json.writeStartObject();
            String[] names = struct.schema() == null ? null : struct.schema().fieldNames();
            for (int i = 0; i < struct.size(); i++) {
                json.writeFieldName(names != null && i < names.length ? names[i] : "col" + (i + 1));
                writeJsonValue(json, struct.get(i));
            }
            json.writeEndObject();
        } else {
            json.writeString(text(value));
        }
    }

    /** A value as text, as {@code Dataset.show} writes it. */
    String text(Object value) {
        return SqlValues.text(value, zone);
    }
}
