package dev.ember.sql;

import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.StructType;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text table of {@code Dataset.show}, drawn as Spark draws it. */
final class ShowTable {
    private ShowTable() {}

    static String render(StructType schema, List<Row> rows, int numRows, int truncate, String timeZone) {
        int columns = schema.size();
        List<String[]> cells = new ArrayList<>();
        String[] header = schema.fieldNames();
        cells.add(header);
        boolean more = rows.size() > numRows;
        for (int r = 0; r < Math.min(numRows, rows.size()); r++) {
            Row row = rows.get(r);
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                String text = cell(row.get(c), schema.field(c).dataType() instanceof BinaryType, timeZone);
                if (truncate > 0 && text.length() > truncate) {
                    text = truncate < 4 ? text.substring(0, truncate) : text.substring(0, truncate - 3) + "...";
                }
                line[c] = text;
            }
            cells.add(line);
        }
        int[] widths = new int[columns];
        Arrays.fill(widths, 3);
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].codePointCount(0, line[c].length()));
            }
        }
        StringBuilder text = new StringBuilder();
        String separator = separator(widths);
        text.append(separator);
        for (int i = 0; i < cells.size(); i++) {
            String[] line = cells.get(i);
            text.append('|');
            for (int c = 0; c < columns; c++) {
                String value = line[c];
                int pad = widths[c] - value.codePointCount(0, value.length());
                // Spark right-aligns cells when it truncates, left-aligns otherwise.
                if (truncate > 0) {
                    text.append(" ".repeat(pad)).append(value);
                } else {
                    text.append(value).append(" ".repeat(pad));
                }
                text.append('|');
            }
            text.append('\n');
            if (i == 0) {
                text.append(separator);
            }
        }
        text.append(separator);
        if (more) {
            text.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
        }
        return text.toString();
    }

    /**
     * {@code show(n, truncate, vertical = true)}: one block per row, a field per line, headed
     * {@code -RECORD i-----}, as Spark prints it.
     */
    static String renderVertical(StructType schema, List<Row> rows, int numRows, int truncate, String timeZone) {
        String[] names = schema.fieldNames();
        int nameWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, name.codePointCount(0, name.length()));
        }
        int shown = Math.min(numRows, rows.size());
        List<String[]> values = new ArrayList<>();
        int valueWidth = 0;
        for (int r = 0; r < shown; r++) {
            String[] line = new String[names.length];
            for (int c = 0; c < names.length; c++) {
                String text = cell(rows.get(r).get(c), schema.field(c).dataType() instanceof BinaryType, timeZone);
                if (truncate > 0 && text.length() > truncate) {
                    text = truncate < 4 ? text.substring(0, truncate) : text.substring(0, truncate - 3) + "...";
                }
                line[c] = text;
                valueWidth = Math.max(valueWidth, text.codePointCount(0, text.length()));
            }
            values.add(line);
        }
        StringBuilder text = new StringBuilder();
        if (shown == 0) {
            text.append("(0 rows)\n");
        }
        for (int r = 0; r < shown; r++) {
            text.append(pad("-RECORD " + r, nameWidth + valueWidth + 3, '-')).append('\n');
            for (int c = 0; c < names.length; c++) {
                text.append(' ').append(pad(names[c], nameWidth, ' '));
                text.append(" | ")
                        .append(pad(values.get(r)[c], valueWidth, ' '))
                        .append('\n');
            }
        }
        if (rows.size() > numRows) {
            text.append("only showing top ").append(numRows).append(numRows == 1 ? " row\n" : " rows\n");
        }
        return text.toString();
    }

    private static String pad(String text, int width, char with) {
        int length = text.codePointCount(0, text.length());
        return length >= width ? text : text + String.valueOf(with).repeat(width - length);
    }

    private static String separator(int[] widths) {
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width)).append('+');
        }
        return line.append('\n').toString();
    }

    static String cell(Object value, boolean binary, String timeZone) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("[");
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    hex.append(' ');
                }
                hex.append(String.format(Locale.ROOT, "%02X", bytes[i]));
            }
            return hex.append(']').toString();
        }
        if (value instanceof Timestamp timestamp) {
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
                    .format(timestamp.toInstant().atZone(ZoneId.of(timeZone)));
            int nanos = timestamp.getNanos();
            if (nanos != 0) {
                text += "." + String.format(Locale.ROOT, "%06d", nanos / 1000).replaceAll("0+$", "");
            }
            return text;
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(cell(item, false, timeZone));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> items = new ArrayList<>();
            map.forEach((k, v) -> items.add(cell(k, false, timeZone) + " -> " + cell(v, false, timeZone)));
            return "{" + String.join(", ", items) + "}";
        }
        if (value instanceof Row row) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                items.add(cell(row.get(i), false, timeZone));
            }
            return "{" + String.join(", ", items) + "}";
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
