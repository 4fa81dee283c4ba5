package dev.ember.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.util.Html;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * How a cell's result is shown beyond its text: renderers by type, each giving representations by MIME type. The
 * built-in one draws collections, arrays and maps as HTML tables (pairs and map entries as two columns, records as
 * one column per component) with at most {@code ember.kernel.display.maxRows} rows (100); {@link Renderer}s on the
 * class path come first (the SQL layer renders its results this way). Runs in the interpreter's JVM; the kernel asks
 * for {@link #bundle} of each cell's value.
 */
public final class Display {
    /** Renders some values; found with {@link ServiceLoader}. */
    public interface Renderer {
        /** Representations of {@code value} by MIME type, or an empty map when this renderer does not handle it. */
        Map<String, String> render(Object value, int maxRows);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Display() {}

    /** The representations of {@code value} beyond text, as Base64 of a JSON object (safe in any string literal). */
    public static String bundle(Object value) {
        Map<String, String> bundle = render(value);
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(bundle));
        } catch (JsonProcessingException e) {
            return Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The representations of {@code value} beyond text: the first renderer that handles it, else the tables. */
    static Map<String, String> render(Object value) {
        int maxRows = Integer.getInteger(KernelConfig.DISPLAY_MAX_ROWS.key(), 100);
        for (Renderer renderer : ServiceLoader.load(Renderer.class, Display.class.getClassLoader())) {
            Map<String, String> bundle = renderer.render(value, maxRows);
            if (!bundle.isEmpty()) {
                return bundle;
            }
        }
        String table = table(value, maxRows);
        return table == null ? Map.of() : Map.of("text/html", table);
    }

    /** A table of a collection, array or map, or null for anything else. */
    static String table(Object value, int maxRows) {
        List<Object> rows = new ArrayList<>();
        int total;
        if (value instanceof Map<?, ?> map) {
            total = map.size();
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext() && rows.size() < maxRows) {
                rows.add(entries.next());
            }
        } else if (value instanceof Collection<?> collection) {
            total = collection.size();
            Iterator<?> elements = collection.iterator();
            while (elements.hasNext() && rows.size() < maxRows) {
                rows.add(elements.next());
            }
        } else if (value != null && value.getClass().isArray()) {
            total = Array.getLength(value);
            for (int i = 0; i < Math.min(total, maxRows); i++) {
                rows.add(Array.get(value, i));
            }
        } else {
            return null;
        }
        List<String> header = header(rows);
        StringBuilder html = new StringBuilder("<table class=\"ember-table\">\n<thead><tr>");
        for (String column : header) {
            html.append("<th>").append(Html.escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Object row : rows) {
            html.append("<tr>");
            for (Object cell : cells(row, header.size())) {
                html.append("<td>").append(Html.escape(String.valueOf(cell))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (total > rows.size()) {
            html.append("<p>showing ")
                    .append(rows.size())
                    .append(" of ")
                    .append(total)
                    .append(" rows</p>\n");
        } else {
            html.append("<p>")
                    .append(total)
                    .append(total == 1 ? " row" : " rows")
                    .append("</p>\n");
        }
        return html.toString();
    }

    /** Columns: key and value for pairs and map entries, the components of records, else one value column. */
    private static List<String> header(List<Object> rows) {
        if (!rows.isEmpty()
                && rows.stream()
                        .allMatch(row -> row instanceof Map.Entry<?, ?> || row instanceof dev.ember.Pair<?, ?>)) {
            return List.of("key", "value");
        }
        if (!rows.isEmpty()
                && rows.stream()
                        .allMatch(row ->
                                row != null && row.getClass() == rows.get(0).getClass())
                && rows.get(0).getClass().isRecord()) {
            List<String> names = new ArrayList<>();
            for (RecordComponent component : rows.get(0).getClass().getRecordComponents()) {
                names.add(component.getName());
            }
            return names;
        }
        return List.of("value");
    }

    private static List<Object> cells(Object row, int columns) {
        if (row instanceof Map.Entry<?, ?> entry) {
            return java.util.Arrays.asList(entry.getKey(), entry.getValue());
        }
        if (row instanceof dev.ember.Pair<?, ?> pair) {
            return java.util.Arrays.asList(pair.key(), pair.value());
        }
        if (row != null
                && row.getClass().isRecord()
                && columns == row.getClass().getRecordComponents().length) {
            List<Object> values = new ArrayList<>();
            for (RecordComponent component : row.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    values.add(accessor.invoke(row));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    values.add("?");
                }
            }
            return values;
        }
        List<Object> single = new ArrayList<>();
        single.add(row);
        return single;
    }

    /** Reads what {@link #bundle} wrote. */
    @SuppressWarnings("unchecked")
    static Map<String, String> decode(String base64) {
        try {
            return new LinkedHashMap<>(JSON.readValue(Base64.getDecoder().decode(base64), Map.class));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
