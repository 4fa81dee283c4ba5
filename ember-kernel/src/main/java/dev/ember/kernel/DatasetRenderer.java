package dev.ember.kernel;

import dev.ember.sql.Dataset;
import dev.ember.sql.Row;
import dev.ember.util.Html;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a {@link Dataset} that is a cell's result (or given to {@code Notebook.display}): an HTML table of its first
 * {@code ember.kernel.sql.maxRows} rows (20) with a note when there are more, and as text the table
 * {@code Dataset.show} prints. The rows are read once, by one job of at most that many rows plus one.
 */
public final class DatasetRenderer implements Display.Renderer {
    @Override
    public Map<String, String> render(Object value, int maxRows) {
        if (!(value instanceof Dataset<?> dataset)) {
            return Map.of();
        }
        int cap = Integer.getInteger(KernelConfig.SQL_MAX_ROWS.key(), 20);
        Dataset<Row> frame = dataset.toDF();
        List<String> columns = List.of(frame.columns());
        List<Row> rows = frame.limit(cap + 1).collectAsList();
        String zoneName = frame.sparkSession().conf().get("ember.sql.session.timeZone", "");
        ZoneId zone = zoneName.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zoneName);
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(columns, rows, cap, zone));
        try {
            // Dataset.show's text, drawn from the rows already read.
            bundle.put(
                    "text/plain",
                    frame.sparkSession().createDataFrame(rows, frame.schema()).showString(cap, 20));
        } catch (RuntimeException e) {
            // The text JShell made of the value stays.
        }
        return bundle;
    }

    /** An HTML table of at most {@code cap} of {@code rows}, saying so when there are more. */
    static String html(List<String> columns, List<Row> rows, int cap, ZoneId zone) {
        StringBuilder html = new StringBuilder("<table class=\"ember-table\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(Html.escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(cap, rows.size());
        for (Row row : rows.subList(0, shown)) {
            html.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                html.append("<td>")
                        .append(Html.escape(SqlValues.text(row.get(c), zone)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (rows.size() > cap) {
            html.append("<p>only showing top ")
                    .append(cap)
                    .append(cap == 1 ? " row" : " rows")
                    .append(" (+ more rows)</p>\n");
        }
        return html.toString();
    }
}
