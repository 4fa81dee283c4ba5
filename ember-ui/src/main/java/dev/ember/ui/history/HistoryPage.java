package dev.ember.ui.history;

import dev.ember.ui.api.ApiTypes;
import dev.ember.util.Html;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The history server's front page: finished and incomplete applications, each linking to its pages. */
final class HistoryPage {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

    private HistoryPage() {}

    static String index(List<HistoryServer.Entry> entries) {
        StringBuilder page = head("Ember History Server");
        List<HistoryServer.Entry> complete =
                entries.stream().filter(e -> e.status().completed()).toList();
        List<HistoryServer.Entry> incomplete =
                entries.stream().filter(e -> !e.status().completed()).toList();
        page.append("<h2>Completed applications (").append(complete.size()).append(")</h2>\n");
        table(page, "completed-apps", complete);
        page.append("<h2>Incomplete applications (")
                .append(incomplete.size())
                .append(")</h2>\n")
                .append("<p class=\"description\">Still running, or their driver ended without logging the"
                        + " application's end.</p>\n");
        table(page, "incomplete-apps", incomplete);
        return page.append("</main></body></html>\n").toString();
    }

    private static void table(StringBuilder page, String id, List<HistoryServer.Entry> entries) {
        page.append("<table class=\"sortable\" id=\"")
                .append(id)
                .append("\"><thead><tr><th>App ID</th><th>App Name</th><th>Started</th><th>Completed</th>"
                        + "<th>Duration</th><th>User</th><th>Log</th></tr></thead><tbody>");
        if (entries.isEmpty()) {
            page.append("<tr><td class=\"none\" colspan=\"7\">None</td></tr>");
        }
        for (HistoryServer.Entry entry : entries) {
            ApiTypes.ApplicationInfo app = entry.status().application();
            ApiTypes.ApplicationAttemptInfo attempt = app.attempts().get(0);
            String appId = entry.status().appId();
            page.append("<tr><td><a href=\"/history/")
                    .append(Html.escape(encode(appId)))
                    .append("/jobs/\">")
                    .append(Html.escape(appId))
                    .append("</a></td><td>")
                    .append(Html.escape(app.name()))
                    .append("</td><td>")
                    .append(time(attempt.startTimeEpoch()))
                    .append("</td><td>")
                    .append(attempt.completed() ? time(attempt.endTimeEpoch()) : "")
                    .append("</td><td data-sort=\"")
                    .append(attempt.duration())
                    .append("\">")
                    .append(attempt.completed() ? attempt.duration() / 1000 + " s" : "")
                    .append("</td><td>")
                    .append(Html.escape(attempt.sparkUser()))
                    .append("</td><td>");
            EventLogReader.Replay replay = entry.replay();
            page.append(replay.events()).append(" events");
            if (replay.skipped() > 0 || !replay.problems().isEmpty()) {
                page.append("<details class=\"error\"><summary>")
                        .append(replay.skipped())
                        .append(" unreadable line(s) skipped</summary><pre>");
                for (String problem : replay.problems()) {
                    page.append(Html.escape(problem)).append('\n');
                }
                page.append("</pre></details>");
            }
            page.append("</td></tr>");
        }
        page.append("</tbody></table>\n");
    }

    static String missing(String what) {
        return head("Not found")
                .append("<h2>Not found</h2><p class=\"error\">No application at ")
                .append(Html.escape(what))
                .append("; the applications are listed at <a href=\"/\">/</a>.</p></main></body></html>\n")
                .toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title))
                .append("</title><link rel=\"stylesheet\" href=\"/static/ember-ui.css\"><script"
                        + " src=\"/static/ember-ui.js\" defer></script></head><body>\n<header><a class=\"brand\""
                        + " href=\"/\">Ember</a><nav><a class=\"active\" href=\"/\">History</a></nav></header>\n"
                        + "<main id=\"content\" data-live=\"false\">\n");
    }

    private static String time(long epochMillis) {
        return epochMillis <= 0
                ? ""
                : SHOWN.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    private static String encode(String appId) {
        return java.net.URLEncoder.encode(appId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
