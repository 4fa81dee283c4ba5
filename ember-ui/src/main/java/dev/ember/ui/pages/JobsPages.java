package dev.ember.ui.pages;

import dev.ember.ui.api.ApiTypes;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.StageNode;
import dev.ember.util.Html;
import java.util.List;
import java.util.Optional;

/** The jobs tab: every job by status with the event timeline, and one job with its stages and their graph. */
public final class JobsPages {
    private JobsPages() {}

    public static String jobs(Layout.Site site, AppStatus app, boolean fragment) {
        List<ApiTypes.JobData> jobs = app.jobs(status -> true);
        StringBuilder content = new StringBuilder();
        ApiTypes.ApplicationAttemptInfo attempt = app.application().attempts().get(0);
        content.append("<ul class=\"summary\"><li><b>User:</b> ")
                .append(Html.escape(attempt.sparkUser()))
                .append("</li><li><b>Started:</b> ")
                .append(Html.escape(Format.time(attempt.startTime())))
                .append("</li><li><b>Total uptime:</b> ")
                .append(Html.escape(Format.duration(attempt.duration())))
                .append("</li>");
        for (String status : List.of("RUNNING", "SUCCEEDED", "FAILED")) {
            long count =
                    jobs.stream().filter(job -> job.status().equals(status)).count();
            content.append("<li><b>")
                    .append(label(status))
                    .append(" jobs:</b> ")
                    .append(count)
                    .append("</li>");
        }
        content.append("</ul>\n");
        content.append(Timeline.svg(site, jobs, app.executors(true), attempt));
        for (String status : List.of("RUNNING", "SUCCEEDED", "FAILED")) {
            List<ApiTypes.JobData> some =
                    jobs.stream().filter(job -> job.status().equals(status)).toList();
            if (some.isEmpty() && !status.equals("SUCCEEDED")) {
                continue;
            }
            content.append("<h3 id=\"")
                    .append(status.toLowerCase(java.util.Locale.ROOT))
                    .append("\">")
                    .append(label(status))
                    .append(" Jobs (")
                    .append(some.size())
                    .append(")</h3>\n")
                    .append(jobTable(site, status.toLowerCase(java.util.Locale.ROOT) + "-jobs", some));
        }
        return Layout.page(site, "Jobs", "Jobs", content.toString(), fragment);
    }

    private static String label(String status) {
        return switch (status) {
            case "RUNNING" -> "Active";
            case "SUCCEEDED" -> "Completed";
            default -> "Failed";
        };
    }

    static String jobTable(Layout.Site site, String id, List<ApiTypes.JobData> jobs) {
        Table table = new Table(
                id,
                List.of(
                        "Job Id (Job Group)",
                        "Description",
                        "Submitted",
                        "Duration",
                        "Stages: Succeeded/Total",
                        "Tasks (for all stages): Succeeded/Total"));
        for (ApiTypes.JobData job : jobs) {
            String idText = job.jobId() + (job.jobGroup() == null ? "" : " (" + job.jobGroup() + ")");
            String description = (job.description() == null
                            ? ""
                            : "<div class=\"description\">" + Html.escape(job.description()) + "</div>")
                    + "<a href=\"" + site.href("/jobs/job/?id=" + job.jobId()) + "\">" + Html.escape(job.name())
                    + "</a>";
            int stages = job.stageIds().size() - job.numSkippedStages();
            table.row()
                    .number(job.jobId(), idText)
                    .html(description, job.name())
                    .html(Html.escape(Format.time(job.submissionTime())), String.valueOf(job.submissionTime()))
                    .number(
                            Format.epochMillis(job.submissionTime()) == 0
                                    ? 0
                                    : (job.completionTime() == null
                                                    ? System.currentTimeMillis()
                                                    : Format.epochMillis(job.completionTime()))
                                            - Format.epochMillis(job.submissionTime()),
                            Format.between(job.submissionTime(), job.completionTime()))
                    .html(
                            Layout.progress(
                                    job.numCompletedStages(),
                                    job.numActiveStages(),
                                    stages,
                                    (job.numFailedStages() > 0 ? " (" + job.numFailedStages() + " failed)" : "")
                                            + (job.numSkippedStages() > 0
                                                    ? " (" + job.numSkippedStages() + " skipped)"
                                                    : "")),
                            String.valueOf(job.numCompletedStages()))
                    .html(
                            Layout.progress(
                                    job.numCompletedTasks(),
                                    job.numActiveTasks(),
                                    job.numTasks() - job.numSkippedTasks(),
                                    (job.numFailedTasks() > 0 ? " (" + job.numFailedTasks() + " failed)" : "")
                                            + (job.numKilledTasks() > 0
                                                    ? " (" + job.numKilledTasks() + " killed)"
                                                    : "")),
                            String.valueOf(job.numCompletedTasks()));
        }
        return table.render();
    }

    public static String job(Layout.Site site, AppStatus app, int jobId, boolean fragment) {
        Optional<ApiTypes.JobData> found = app.job(jobId);
        Optional<List<StageNode>> graph = app.jobGraph(jobId);
        if (found.isEmpty() || graph.isEmpty()) {
            return Layout.notFound(
                    site,
                    "Jobs",
                    "No job with id " + jobId + " (it may have been forgotten: the UI"
                            + " keeps ember.ui.retainedJobs)");
        }
        ApiTypes.JobData job = found.get();
        StringBuilder content = new StringBuilder();
        content.append("<ul class=\"summary\"><li><b>Status:</b> <span class=\"status\">")
                .append(job.status())
                .append("</span></li><li><b>Submitted:</b> ")
                .append(Html.escape(Format.time(job.submissionTime())))
                .append("</li><li><b>Duration:</b> ")
                .append(Html.escape(Format.between(job.submissionTime(), job.completionTime())))
                .append("</li>");
        if (job.jobGroup() != null) {
            content.append("<li><b>Job group:</b> ")
                    .append(Html.escape(job.jobGroup()))
                    .append("</li>");
        }
        if (job.description() != null) {
            content.append("<li><b>Description:</b> ")
                    .append(Html.escape(job.description()))
                    .append("</li>");
        }
        content.append("<li><b>Name:</b> ").append(Html.escape(job.name())).append("</li></ul>\n");
        content.append("<h3>DAG Visualization</h3>\n").append(DagSvg.job(site, graph.get()));
        List<ApiTypes.StageData> stages = app.stages(status -> true, false).stream()
                .filter(stage -> job.stageIds().contains(stage.stageId())
                        && stage.jobIds().contains(jobId))
                .toList();
        content.append("<h3>Stages (").append(stages.size()).append(")</h3>\n");
        content.append(StagesPages.stageTable(site, "job-stages", stages));
        return Layout.page(site, "Jobs", "Details for Job " + jobId, content.toString(), fragment);
    }
}
