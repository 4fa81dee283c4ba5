package dev.ember.ui.pages;

import dev.ember.ui.api.ApiTypes;
import dev.ember.ui.status.AppStatus;
import dev.ember.util.Html;
import java.util.List;
import java.util.Optional;

/** The SQL tab: every query execution, and one with its jobs and its physical plan drawn with what each node did. */
public final class SqlPages {
    private SqlPages() {}

    public static String executions(Layout.Site site, AppStatus app, boolean fragment) {
        List<ApiTypes.ExecutionData> executions = app.sqlExecutions(false);
        Table table =
                new Table("sql-executions", List.of("ID", "Status", "Description", "Submitted", "Duration", "Job IDs"));
        for (ApiTypes.ExecutionData execution : executions) {
            table.row()
                    .number(execution.id(), Long.toString(execution.id()))
                    .text(execution.status())
                    .html(
                            "<a href=\"" + site.href("/SQL/execution/?id=" + execution.id()) + "\">"
                                    + Html.escape(shorten(execution.description())) + "</a>",
                            execution.description())
                    .html(Html.escape(Format.time(execution.submissionTime())), execution.submissionTime())
                    .number(execution.duration(), Format.duration(execution.duration()))
                    .html(jobLinks(site, execution), "");
        }
        return Layout.page(site, "SQL", "SQL Queries (" + executions.size() + ")", table.render(), fragment);
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 199) + "\u2026" : line;
    }

    private static String jobLinks(Layout.Site site, ApiTypes.ExecutionData execution) {
        StringBuilder links = new StringBuilder();
        for (List<Integer> jobs :
                List.of(execution.successJobIds(), execution.runningJobIds(), execution.failedJobIds())) {
            for (int job : jobs) {
                links.append("<a href=\"")
                        .append(site.href("/jobs/job/?id=" + job))
                        .append("\">")
                        .append(job)
                        .append("</a> ");
            }
        }
        return links.toString();
    }

    public static String execution(Layout.Site site, AppStatus app, long id, boolean fragment) {
        Optional<ApiTypes.ExecutionData> found = app.sqlExecution(id);
        if (found.isEmpty()) {
            return Layout.notFound(
                    site,
                    "SQL",
                    "No SQL execution with id " + id
                            + " (it may have been forgotten: the UI keeps ember.sql.ui.retainedExecutions)");
        }
        ApiTypes.ExecutionData execution = found.get();
        StringBuilder content = new StringBuilder("<ul class=\"summary\"><li><b>Status:</b> ")
                .append(execution.status())
                .append("</li><li><b>Submitted:</b> ")
                .append(Html.escape(Format.time(execution.submissionTime())))
                .append("</li><li><b>Duration:</b> ")
                .append(Html.escape(Format.duration(execution.duration())))
                .append("</li><li><b>Jobs:</b> ")
                .append(jobLinks(site, execution))
                .append("</li></ul>\n<pre class=\"description\">")
                .append(Html.escape(execution.description()))
                .append("</pre>\n");
        if (execution.errorMessage() != null) {
            content.append("<pre class=\"error\">")
                    .append(Html.escape(execution.errorMessage()))
                    .append("</pre>\n");
        }
        content.append("<h3>Plan</h3>\n");
        if (execution.status().equals("RUNNING")) {
            content.append("<p class=\"none\">The nodes' metrics show once the query ended.</p>\n");
        }
        content.append(DagSvg.plan(execution))
                .append("<details><summary>Physical plan</summary><pre>")
                .append(Html.escape(execution.planDescription()))
                .append("</pre></details>\n");
        return Layout.page(site, "SQL", "Details for Query " + id, content.toString(), fragment);
    }
}
