package dev.ember.ui.pages;

import dev.ember.ui.api.ApiTypes;
import dev.ember.util.Html;
import java.util.List;
import java.util.Locale;

/**
 * The event timeline of the jobs page: executors added and removed on the top lane, then one bar per job (the most
 * recent {@value #MAX_JOBS}) from submission to completion, coloured by status and linked to the job.
 */
final class Timeline {
    private static final int MAX_JOBS = 100;
    private static final int WIDTH = 960;
    private static final int LEFT = 90;
    private static final int LANE = 18;

    private Timeline() {}

    static String svg(
            Layout.Site site,
            List<ApiTypes.JobData> jobs,
            List<ApiTypes.ExecutorSummary> executors,
            ApiTypes.ApplicationAttemptInfo attempt) {
        long start = attempt.startTimeEpoch();
        long end = attempt.completed() ? attempt.endTimeEpoch() : System.currentTimeMillis();
        if (start <= 0 || end <= start) {
            return "";
        }
        List<ApiTypes.JobData> shown = jobs.subList(0, Math.min(MAX_JOBS, jobs.size()));
        int height = 30 + LANE * (shown.size() + 1) + 20;
        StringBuilder svg = new StringBuilder("<details open class=\"timeline\"><summary>Event Timeline</summary>")
                .append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\">");
        svg.append("<text x=\"4\" y=\"").append(20 + LANE / 2).append("\">Executors</text>");
        for (ApiTypes.ExecutorSummary executor : executors) {
            marker(svg, x(Format.epochMillis(executor.addTime()), start, end), "added", executor.id() + " added");
            if (executor.removeTime() != null) {
                marker(
                        svg,
                        x(Format.epochMillis(executor.removeTime()), start, end),
                        "removed",
                        executor.id() + " removed: " + executor.removeReason());
            }
        }
        int y = 20 + LANE;
        for (ApiTypes.JobData job : shown) {
            long submitted = Format.epochMillis(job.submissionTime());
            long completed = job.completionTime() == null ? end : Format.epochMillis(job.completionTime());
            int x1 = x(submitted, start, end);
            int x2 = Math.max(x1 + 2, x(completed, start, end));
            svg.append("<text x=\"4\" y=\"")
                    .append(y + 12)
                    .append("\">Job ")
                    .append(job.jobId())
                    .append("</text>");
            svg.append("<a href=\"")
                    .append(site.href("/jobs/job/?id=" + job.jobId()))
                    .append("\"><rect class=\"job ")
                    .append(job.status().toLowerCase(Locale.ROOT))
                    .append("\" x=\"")
                    .append(x1)
                    .append("\" y=\"")
                    .append(y + 2)
                    .append("\" width=\"")
                    .append(x2 - x1)
                    .append("\" height=\"")
                    .append(LANE - 4)
                    .append("\"><title>")
                    .append(Html.escape(job.name() + " (" + job.status() + ", "
                            + Format.between(job.submissionTime(), job.completionTime()) + ")"))
                    .append("</title></rect></a>");
            y += LANE;
        }
        svg.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(height - 4)
                .append("\">")
                .append(Html.escape(Format.time(attempt.startTime())))
                .append("</text><text x=\"")
                .append(WIDTH - 4)
                .append("\" y=\"")
                .append(height - 4)
                .append("\" text-anchor=\"end\">+")
                .append(Html.escape(Format.duration(end - start)))
                .append("</text>");
        return svg.append("</svg></details>\n").toString();
    }

    private static void marker(StringBuilder svg, int x, String kind, String title) {
        svg.append("<line class=\"executor ")
                .append(kind)
                .append("\" x1=\"")
                .append(x)
                .append("\" x2=\"")
                .append(x)
                .append("\" y1=\"20\" y2=\"")
                .append(20 + LANE)
                .append("\"><title>")
                .append(Html.escape(title))
                .append("</title></line>");
    }

    private static int x(long time, long start, long end) {
        double share = Math.max(0, Math.min(1, (time - start) / (double) (end - start)));
        return LEFT + (int) Math.round(share * (WIDTH - LEFT - 10));
    }
}
