package dev.ember.kernel;

import dev.ember.EmberContext;
import dev.ember.EmberStageInfo;
import dev.ember.util.ThreadUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live progress bar in the running cell, one line per running stage, drawn as HTML (and text) and redrawn in place
 * with {@code update_display_data}. Stages shorter than half a second never show; the bar is emptied when no stage
 * runs. Runs in the interpreter's JVM, reading the context's status tracker.
 */
final class NotebookProgress {
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long INTERVAL_MILLIS = 250;

    private final EmberContext context;
    private final ScheduledExecutorService timer;
    private String displayId;
    private String lastText = "";

    private NotebookProgress(EmberContext context) {
        this.context = context;
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("notebook-progress");
    }

    static void start(EmberContext context) {
        NotebookProgress progress = new NotebookProgress(context);
        progress.timer.scheduleWithFixedDelay(
                progress::refresh, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        if (context.isStopped()) {
            timer.shutdown();
            return;
        }
        long now = System.currentTimeMillis();
        List<EmberStageInfo> stages = new ArrayList<>();
        for (int stageId : context.statusTracker().getActiveStageIds()) {
            context.statusTracker()
                    .getStageInfo(stageId)
                    .filter(stage -> stage.submissionTime() > 0 && now - stage.submissionTime() >= FIRST_DELAY_MILLIS)
                    .ifPresent(stages::add);
        }
        if (stages.isEmpty()) {
            if (displayId != null) {
                // Done: the bar goes; the next job's bar is a new display.
                Notebook.show(displayId, Map.of("text/plain", "", "text/html", ""), true);
                displayId = null;
                lastText = "";
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div class=\"ember-progress\">");
        for (EmberStageInfo stage : stages.subList(0, Math.min(3, stages.size()))) {
            int percent = stage.numTasks() == 0 ? 0 : 100 * stage.numCompletedTasks() / stage.numTasks();
            String counts =
                    "(" + stage.numCompletedTasks() + " + " + stage.numActiveTasks() + ") / " + stage.numTasks();
            text.append("[Stage ")
                    .append(stage.stageId())
                    .append(": ")
                    .append(percent)
                    .append("% ")
                    .append(counts)
                    .append("]");
            html.append("<div>Stage ")
                    .append(stage.stageId())
                    .append(" <progress max=\"100\" value=\"")
                    .append(percent)
                    .append("\"></progress> ")
                    .append(dev.ember.util.Html.escape(counts))
                    .append(" ")
                    .append(dev.ember.util.Html.escape(stage.name()))
                    .append("</div>");
        }
        html.append("</div>");
        if (text.toString().equals(lastText)) {
            return;
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text.toString());
        bundle.put("text/html", html.toString());
        boolean update = displayId != null;
        if (!update) {
            displayId = "ember-progress-" + UUID.randomUUID();
        }
        Notebook.show(displayId, bundle, update);
        lastText = text.toString();
    }
}
