package dev.ember.sql.golden;

import dev.ember.sql.Row;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints result values canonically so that golden files do not depend on how a value was computed: null as {@code
 * NULL}, doubles rounded to 12 significant digits, decimals with their scale, dates and timestamps in ISO form (UTC),
 * arrays as {@code [a,b]}, maps as {@code {k:v}}, structs as {@code {field:value}}, strings nested in them quoted.
 */
final class GoldenValues {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private GoldenValues() {}

    static String row(Row row) {
        List<String> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            cells.add(value(row.get(i), false));
        }
        return String.join("\t", cells);
    }

    static String value(Object value, boolean nested) {
        if (value == null) {
            return nested ? "null" : "NULL";
        }
        if (value instanceof Double d) {
            return decimalText(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : decimalText(Double.parseDouble(f.toString()));
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof String s) {
            String escaped = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
            if (nested) {
                return "\"" + escaped.replace("\"", "\\\"") + "\"";
            }
            return escaped.isEmpty() ? "\"\"" : escaped;
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof Timestamp t) {
            return timestamp(LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime t) {
            return timestamp(t);
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().withUpperCase().formatHex(bytes) + "'";
        }
        if (value instanceof Period p) {
            return "INTERVAL " + p.toTotalMonths() + " MONTHS";
        }
        if (value instanceof Duration d) {
            return "INTERVAL " + d;
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            for (Object element : list) {
                parts.add(value(element, true));
            }
            return "[" + String.join(",", parts) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                parts.add(value(entry.getKey(), true) + ":" + value(entry.getValue(), true));
            }
            return "{" + String.join(",", parts) + "}";
        }
        if (value instanceof Row row) {
            StructType schema = row.schema();
            List<String> parts = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                String text = value(row.get(i), true);
                parts.add(schema == null ? text : schema.fields().get(i).name() + ":" + text);
            }
            return "{" + String.join(",", parts) + "}";
        }
        return value.toString();
    }

    private static String timestamp(LocalDateTime t) {
        String text = TIMESTAMP.format(t);
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", "");
            text = text + "." + fraction;
        }
        return text;
    }

    /** Doubles with 12 significant digits, plain between 1e-7 and 1e15, else scientific; always with a point. */
    static String decimalText(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros();
        double magnitude = Math.abs(d);
        if (magnitude >= 1e-7 && magnitude < 1e15) {
            String plain = rounded.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return rounded.toString().replace("E+", "E");
    }
}
