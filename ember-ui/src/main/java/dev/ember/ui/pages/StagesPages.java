package dev.ember.ui.pages;

import dev.ember.events.StageInfo;
import dev.ember.ui.api.ApiTypes;
import dev.ember.ui.api.RestApi;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.TaskSummary;
import dev.ember.util.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The stages tab: every stage attempt by status, and one attempt with its graph, metric quantiles and tasks. */
public final class StagesPages {
    private static final List<String> STATUSES = List.of("ACTIVE", "PENDING", "COMPLETE", "FAILED", "SKIPPED");

    private StagesPages() {}

    public static String stages(Layout.Site site, AppStatus app, boolean fragment) {
        List<ApiTypes.StageData> stages = app.stages(status -> true, false);
        StringBuilder content = new StringBuilder("<ul class=\"summary\">");
        for (String status : STATUSES) {
            content.append("<li><b>")
                    .append(label(status))
                    .append(" Stages:</b> ")
                    .append(stages.stream()
                            .filter(s -> s.status().equals(status))
                            .count())
                    .append("</li>");
        }
        content.append("</ul>\n");
        for (String status : STATUSES) {
            List<ApiTypes.StageData> some =
                    stages.stream().filter(s -> s.status().equals(status)).toList();
            if (some.isEmpty() && !status.equals("COMPLETE")) {
                continue;
            }
            content.append("<h3>")
                    .append(label(status))
                    .append(" Stages (")
                    .append(some.size())
                    .append(")</h3>\n")
                    .append(stageTable(site, status.toLowerCase(Locale.ROOT) + "-stages", some));
        }
        return Layout.page(site, "Stages", "Stages for All Jobs", content.toString(), fragment);
    }

    private static String label(String status) {
        return switch (status) {
            case "ACTIVE" -> "Active";
            case "PENDING" -> "Pending";
            case "COMPLETE" -> "Completed";
            case "FAILED" -> "Failed";
            default -> "Skipped";
        };
    }

    static String stageTable(Layout.Site site, String id, List<ApiTypes.StageData> stages) {
        Table table = new Table(
                id,
                List.of(
                        "Stage Id",
                        "Description",
                        "Submitted",
                        "Duration",
                        "Tasks: Succeeded/Total",
                        "Input",
                        "Output",
                        "Shuffle Read",
                        "Shuffle Write",
                        "Failure Reason"));
        for (ApiTypes.StageData stage : stages) {
            String link = "/stages/stage/?id=" + stage.stageId() + "&attempt=" + stage.attemptId();
            String description = (stage.description() == null
                            ? ""
                            : "<div class=\"description\">" + Html.escape(stage.description()) + "</div>")
                    + "<a href=\"" + site.href(link) + "\">" + Html.escape(stage.name()) + "</a>";
            table.row()
                    .number(
                            stage.stageId(),
                            stage.stageId() + (stage.attemptId() > 0 ? " (retry " + stage.attemptId() + ")" : ""))
                    .html(description, stage.name())
                    .html(Html.escape(Format.time(stage.submissionTime())), String.valueOf(stage.submissionTime()))
                    .text(Format.between(stage.submissionTime(), stage.completionTime()))
                    .html(
                            Layout.progress(
                                    stage.numCompleteTasks(),
                                    stage.numActiveTasks(),
                                    stage.numTasks(),
                                    (stage.numFailedTasks() > 0 ? " (" + stage.numFailedTasks() + " failed)" : "")
                                            + (stage.numKilledTasks() > 0
                                                    ? " (" + stage.numKilledTasks() + " killed)"
                                                    : "")),
                            String.valueOf(stage.numCompleteTasks()))
                    .number(stage.inputBytes(), stage.inputBytes() == 0 ? "" : Format.bytes(stage.inputBytes()))
                    .number(stage.outputBytes(), stage.outputBytes() == 0 ? "" : Format.bytes(stage.outputBytes()))
                    .number(
                            stage.shuffleReadBytes(),
                            stage.shuffleReadBytes() == 0 ? "" : Format.bytes(stage.shuffleReadBytes()))
                    .number(
                            stage.shuffleWriteBytes(),
                            stage.shuffleWriteBytes() == 0 ? "" : Format.bytes(stage.shuffleWriteBytes()))
                    .html(
                            stage.failureReason() == null
                                    ? ""
                                    : "<pre class=\"error\">" + Html.escape(firstLine(stage.failureReason()))
                                            + "</pre>",
                            "");
        }
        return table.render();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** One stage attempt; {@code query} holds the task table's sort, direction and page. */
    public static String stage(
            Layout.Site site, AppStatus app, int stageId, int attempt, Map<String, String> query, boolean fragment) {
        Optional<ApiTypes.StageData> found = app.stage(stageId, attempt, true);
        Optional<StageInfo> info = app.stageInfo(stageId, attempt);
        if (found.isEmpty() || info.isEmpty()) {
            return Layout.notFound(
                    site,
                    "Stages",
                    "No attempt " + attempt + " of stage " + stageId
                            + " (it may have been forgotten: the UI keeps ember.ui.retainedStages)");
        }
        ApiTypes.StageData stage = found.get();
        List<ApiTypes.TaskData> tasks = List.copyOf(stage.tasks().values());
        StringBuilder content = new StringBuilder("<ul class=\"summary\">");
        item(content, "Status", stage.status());
        item(content, "Total time across all tasks", Format.duration(stage.executorRunTime()));
        item(
                content,
                "Tasks",
                stage.numCompleteTasks() + " succeeded of " + stage.numTasks()
                        + (stage.numFailedTasks() > 0 ? ", " + stage.numFailedTasks() + " failed" : ""));
        if (stage.inputBytes() > 0) {
            item(content, "Input", Format.bytes(stage.inputBytes()) + " / " + stage.inputRecords() + " records");
        }
        if (stage.shuffleReadBytes() > 0) {
            item(
                    content,
                    "Shuffle read",
                    Format.bytes(stage.shuffleReadBytes()) + " / " + stage.shuffleReadRecords() + " records");
        }
        if (stage.shuffleWriteBytes() > 0) {
            item(
                    content,
                    "Shuffle write",
                    Format.bytes(stage.shuffleWriteBytes()) + " / " + stage.shuffleWriteRecords() + " records");
        }
        if (stage.memoryBytesSpilled() > 0 || stage.diskBytesSpilled() > 0) {
            item(content, "Spill (memory)", Format.bytes(stage.memoryBytesSpilled()));
            item(content, "Spill (disk)", Format.bytes(stage.diskBytesSpilled()));
        }
        item(content, "Jobs", stage.jobIds().toString());
        item(content, "Scheduling pool", stage.schedulingPool());
        content.append("</ul>\n");
        if (stage.failureReason() != null) {
            content.append("<pre class=\"error\">")
                    .append(Html.escape(stage.failureReason()))
                    .append("</pre>\n");
        }
        content.append("<h3>DAG Visualization</h3>\n").append(DagSvg.stage(info.get()));
        content.append("<h3>Summary Metrics for ")
                .append(tasks.stream().filter(t -> t.status().equals("SUCCESS")).count())
                .append(" Completed Tasks</h3>\n")
                .append(quantiles(tasks));
        content.append("<h3>Aggregated Metrics by Executor</h3>\n").append(byExecutor(stage));
        content.append(TaskTable.render(site, stage, tasks, query));
        Table accumulators = new Table("accumulators", List.of("Accumulable", "Value"));
        for (ApiTypes.AccumulableInfo accumulable : stage.accumulatorUpdates()) {
            accumulators.row().text(accumulable.name()).text(accumulable.value());
        }
        content.append("<h3>Accumulators</h3>\n").append(accumulators.render());
        content.append("<details><summary>Details</summary><pre>")
                .append(Html.escape(stage.details()))
                .append("</pre></details>\n");
        return Layout.page(
                site,
                "Stages",
                "Details for Stage " + stageId + " (Attempt " + attempt + ")",
                content.toString(),
                fragment);
    }

    private static void item(StringBuilder content, String name, String value) {
        content.append("<li><b>")
                .append(Html.escape(name))
                .append(":</b> ")
                .append(Html.escape(value))
                .append("</li>");
    }

    private static String quantiles(List<ApiTypes.TaskData> tasks) {
        Optional<ApiTypes.TaskMetricDistributions> summary = TaskSummary.of(tasks, TaskSummary.DEFAULT_QUANTILES);
        if (summary.isEmpty()) {
            return "<p class=\"none\">No task has finished successfully yet.</p>\n";
        }
        ApiTypes.TaskMetricDistributions d = summary.get();
        StringBuilder html = new StringBuilder("<table id=\"task-quantiles\"><thead><tr><th>Metric</th><th>Min</th>"
                + "<th>25th percentile</th><th>Median</th><th>75th percentile</th><th>Max</th></tr></thead><tbody>");
        quantileRow(html, "Duration", d.duration(), false);
        quantileRow(html, "Scheduler Delay", d.schedulerDelay(), false);
        quantileRow(html, "Task Deserialization Time", d.executorDeserializeTime(), false);
        quantileRow(html, "GC Time", d.jvmGcTime(), false);
        quantileRow(html, "Result Serialization Time", d.resultSerializationTime(), false);
        quantileRow(html, "Getting Result Time", d.gettingResultTime(), false);
        quantileRow(html, "Peak Execution Memory", d.peakExecutionMemory(), true);
        quantileRow(html, "Input Size", d.inputMetrics().bytesRead(), true);
        quantileRow(html, "Shuffle Read Size", d.shuffleReadMetrics().readBytes(), true);
        quantileRow(html, "Shuffle Write Size", d.shuffleWriteMetrics().writeBytes(), true);
        quantileRow(html, "Spill (memory)", d.memoryBytesSpilled(), true);
        quantileRow(html, "Spill (disk)", d.diskBytesSpilled(), true);
        return html.append("</tbody></table>\n").toString();
    }

    private static void quantileRow(StringBuilder html, String name, List<Double> values, boolean bytes) {
        html.append("<tr><td>").append(name).append("</td>");
        for (double value : values) {
            long v = (long) value;
            html.append("<td>")
                    .append(bytes ? Format.bytes(v) : Format.duration(v))
                    .append("</td>");
        }
        html.append("</tr>");
    }

    private static String byExecutor(ApiTypes.StageData stage) {
        Table table = new Table(
                "stage-executors",
                List.of(
                        "Executor ID",
                        "Task Time",
                        "Succeeded Tasks",
                        "Failed Tasks",
                        "Killed Tasks",
                        "Input",
                        "Shuffle Read",
                        "Shuffle Write",
                        "Spill (Memory)",
                        "Spill (Disk)"));
        for (Map.Entry<String, ApiTypes.ExecutorStageSummary> entry :
                stage.executorSummary().entrySet()) {
            ApiTypes.ExecutorStageSummary e = entry.getValue();
            table.row()
                    .text(entry.getKey())
                    .number(e.taskTime(), Format.duration(e.taskTime()))
                    .number(e.succeededTasks(), Integer.toString(e.succeededTasks()))
                    .number(e.failedTasks(), Integer.toString(e.failedTasks()))
                    .number(e.killedTasks(), Integer.toString(e.killedTasks()))
                    .number(e.inputBytes(), Format.bytes(e.inputBytes()))
                    .number(e.shuffleRead(), Format.bytes(e.shuffleRead()))
                    .number(e.shuffleWrite(), Format.bytes(e.shuffleWrite()))
                    .number(e.memoryBytesSpilled(), Format.bytes(e.memoryBytesSpilled()))
                    .number(e.diskBytesSpilled(), Format.bytes(e.diskBytesSpilled()));
        }
        return table.render();
    }

    /** The task table: sorted and paged on the server by its query parameters, so it scales to any task count. */
    private static final class TaskTable {
        private static final List<String[]> COLUMNS = List.of(
                new String[] {"Index", "ID"},
                new String[] {"Task ID", "ID"},
                new String[] {"Attempt", null},
                new String[] {"Status", "status"},
                new String[] {"Locality Level", "locality"},
                new String[] {"Executor ID", "executor"},
                new String[] {"Host", null},
                new String[] {"Launch Time", "launchTime"},
                new String[] {"Duration", "runtime"},
                new String[] {"GC Time", "gcTime"},
                new String[] {"Input", "input"},
                new String[] {"Shuffle Read", "shuffleRead"},
                new String[] {"Shuffle Write", "shuffleWrite"},
                new String[] {"Spill", "spill"},
                new String[] {"Errors", null});

        static String render(
                Layout.Site site, ApiTypes.StageData stage, List<ApiTypes.TaskData> tasks, Map<String, String> query) {
            String sort = query.getOrDefault("task.sort", "ID");
            boolean desc = Boolean.parseBoolean(query.get("task.desc"));
            int pageSize = clamp(parse(query.get("task.pageSize"), 100), 1, 10_000);
            int pages = Math.max(1, (tasks.size() + pageSize - 1) / pageSize);
            int page = clamp(parse(query.get("task.page"), 1), 1, pages);
            List<ApiTypes.TaskData> shown =
                    RestApi.taskPage(tasks, (desc ? "-" : "") + sort, (page - 1) * pageSize, pageSize, null);
            String base = "/stages/stage/?id=" + stage.stageId() + "&attempt=" + stage.attemptId();
            StringBuilder html = new StringBuilder("<h3 id=\"tasks\">Tasks (")
                    .append(tasks.size())
                    .append(")</h3>\n<p class=\"pages\">Page ");
            for (int p = 1; p <= pages; p++) {
                if (p == page) {
                    html.append("<b>").append(p).append("</b> ");
                } else if (p <= 3 || p > pages - 3 || Math.abs(p - page) <= 2) {
                    html.append("<a href=\"")
                            .append(site.href(base + params(sort, desc, p, pageSize)))
                            .append("\">")
                            .append(p)
                            .append("</a> ");
                } else if (p == 4 || p == pages - 3) {
                    html.append("&hellip; ");
                }
            }
            html.append("</p>\n<table id=\"task-table\"><thead><tr>");
            for (String[] column : COLUMNS) {
                if (column[1] == null) {
                    html.append("<th>").append(column[0]).append("</th>");
                } else {
                    boolean current = column[1].equals(sort);
                    html.append("<th><a class=\"sort\" href=\"")
                            .append(site.href(base + params(column[1], current && !desc, 1, pageSize)))
                            .append("\">")
                            .append(column[0])
                            .append(current ? (desc ? " &#9662;" : " &#9652;") : "")
                            .append("</a></th>");
                }
            }
            html.append("</tr></thead><tbody>");
            for (ApiTypes.TaskData task : shown) {
                ApiTypes.TaskMetricsData m = task.taskMetrics();
                html.append("<tr class=\"task ")
                        .append(task.status().toLowerCase(Locale.ROOT))
                        .append("\">");
                cell(html, Integer.toString(task.index()));
                cell(html, Long.toString(task.taskId()));
                cell(html, Integer.toString(task.attempt()) + (task.speculative() ? " (speculative)" : ""));
                cell(html, task.status());
                cell(html, task.taskLocality());
                cell(html, task.executorId());
                cell(html, task.host());
                cell(html, Format.time(task.launchTime()));
                cell(html, task.duration() == null ? "" : Format.duration(task.duration()));
                cell(html, m == null ? "" : Format.duration(m.jvmGcTime()));
                cell(
                        html,
                        m == null
                                ? ""
                                : sized(
                                        m.inputMetrics().bytesRead(),
                                        m.inputMetrics().recordsRead()));
                cell(
                        html,
                        m == null
                                ? ""
                                : sized(
                                        m.shuffleReadMetrics().remoteBytesRead()
                                                + m.shuffleReadMetrics().localBytesRead(),
                                        m.shuffleReadMetrics().recordsRead()));
                cell(
                        html,
                        m == null
                                ? ""
                                : sized(
                                        m.shuffleWriteMetrics().bytesWritten(),
                                        m.shuffleWriteMetrics().recordsWritten()));
                cell(html, m == null ? "" : Format.bytes(m.memoryBytesSpilled() + m.diskBytesSpilled()));
                html.append("<td>");
                if (task.errorMessage() != null) {
                    html.append("<details class=\"error\"><summary>")
                            .append(Html.escape(firstLine(task.errorMessage())))
                            .append("</summary><pre>")
                            .append(Html.escape(task.errorMessage()))
                            .append("</pre></details>");
                }
                html.append("</td></tr>");
            }
            return html.append("</tbody></table>\n").toString();
        }

        private static String sized(long bytes, long records) {
            return bytes == 0 && records == 0 ? "" : Format.bytes(bytes) + " / " + records;
        }

        private static void cell(StringBuilder html, String text) {
            html.append("<td>").append(Html.escape(text)).append("</td>");
        }

        private static String params(String sort, boolean desc, int page, int pageSize) {
            return "&task.sort=" + URLEncoder.encode(sort, StandardCharsets.UTF_8) + "&task.desc=" + desc
                    + "&task.page=" + page + "&task.pageSize=" + pageSize + "#tasks";
        }

        private static int parse(String text, int fallback) {
            try {
                return text == null ? fallback : Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static int clamp(int value, int min, int max) {
            return Math.max(min, Math.min(max, value));
        }
    }
}
