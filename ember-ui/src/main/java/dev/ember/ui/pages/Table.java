package dev.ember.ui.pages;

import dev.ember.util.Html;
import java.util.ArrayList;
import java.util.List;

/**
 * A table whose columns the script can sort: a cell's sort key (a number or text) goes in {@code data-sort}. Cells
 * are text (escaped here) or HTML the pages built (already escaped).
 */
final class Table {
    private final String id;
    private final List<String> headers;
    private final List<String> rows = new ArrayList<>();
    private StringBuilder row;

    Table(String id, List<String> headers) {
        this.id = id;
        this.headers = headers;
    }

    Table row() {
        finishRow();
        row = new StringBuilder("<tr>");
        return this;
    }

    /** A text cell, sorted as text. */
    Table text(String value) {
        row.append("<td>").append(Html.escape(value)).append("</td>");
        return this;
    }

    /** A number shown as {@code shown}, sorted by {@code value}. */
    Table number(long value, String shown) {
        row.append("<td data-sort=\"")
                .append(value)
                .append("\">")
                .append(Html.escape(shown))
                .append("</td>");
        return this;
    }

    /** Built HTML, sorted by {@code sortKey}. */
    Table html(String html, String sortKey) {
        row.append("<td data-sort=\"")
                .append(Html.escape(sortKey))
                .append("\">")
                .append(html)
                .append("</td>");
        return this;
    }

    private void finishRow() {
        if (row != null) {
            rows.add(row.append("</tr>").toString());
            row = null;
        }
    }

    int size() {
        finishRow();
        return rows.size();
    }

    String render() {
        finishRow();
        StringBuilder html = new StringBuilder("<table class=\"sortable\" id=\"")
                .append(Html.escape(id))
                .append("\">");
        html.append("<thead><tr>");
        for (String header : headers) {
            html.append("<th>").append(Html.escape(header)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        if (rows.isEmpty()) {
            html.append("<tr><td class=\"none\" colspan=\"")
                    .append(headers.size())
                    .append("\">None</td></tr>");
        }
        rows.forEach(html::append);
        return html.append("</tbody></table>\n").toString();
    }
}
