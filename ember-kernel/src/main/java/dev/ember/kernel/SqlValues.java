package dev.ember.kernel;

import dev.ember.sql.Row;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQL values as text, as {@code Dataset.show} writes them: NULL, dates, timestamps in a time zone (with their
 * fraction of a second when they have one), arrays as {@code [a, b]}, maps as {@code {k -> v}}, structs as
 * {@code {a, b}}, binary as hex bytes, decimals without exponent. Used by the notebook's tables and by
 * {@code bin/ember sql}.
 */
public final class SqlValues {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private SqlValues() {}

    /** A value as text, as {@code Dataset.show} writes it. */
    public static String text(Object value, ZoneId zone) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("[");
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    hex.append(' ');
                }
                hex.append(Character.toUpperCase(Character.forDigit((bytes[i] >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(bytes[i] & 0xF, 16)));
            }
            return hex.append(']').toString();
        }
        if (value instanceof Timestamp timestamp) {
            String text = TIMESTAMP.format(timestamp.toInstant().atZone(zone));
            int nanos = timestamp.getNanos();
            if (nanos != 0) {
                String fraction = Integer.toString(1_000_000 + nanos / 1000).substring(1);
                text += "." + fraction.replaceAll("0+$", "");
            }
            return text;
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString().replace('T', ' ');
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(text(item, zone));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> items = new ArrayList<>();
            map.forEach((k, v) -> items.add(text(k, zone) + " -> " + text(v, zone)));
            return "{" + String.join(", ", items) + "}";
        }
        if (value instanceof Row row) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                items.add(text(row.get(i), zone));
            }
            return "{" + String.join(", ", items) + "}";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
